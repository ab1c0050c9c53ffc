package io.switchboard.application.port.in;

import io.switchboard.application.port.out.EventOutbox.Stored;
import io.switchboard.domain.call.CallConnectionId;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** The events told to a call's application, with every delivery attempt and its outcome. */
public interface CallHistoryUseCase {

    /** Oldest first; settled events only while they are kept (the journal's retention). */
    CompletionStage<List<Stored>> events(CallConnectionId call);
}
