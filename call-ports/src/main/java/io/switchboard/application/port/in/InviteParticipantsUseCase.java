package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Brings more participants into a call. */
public interface InviteParticipantsUseCase {

    /**
     * Dials each participant on a leg of its own; each outcome arrives as an add-participant event. Non-blocking.
     *
     * @return the participants being dialled; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED} or
     *         {@code TOO_MANY_PARTICIPANTS}
     */
    CompletionStage<List<Participant>> inviteParticipants(InviteParticipantsCommand command);
}
