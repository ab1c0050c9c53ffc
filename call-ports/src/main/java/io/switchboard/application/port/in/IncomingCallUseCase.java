package io.switchboard.application.port.in;

import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.concurrent.CompletionStage;

/**
 * What the application does with a call ringing at this server, named by the {@code incomingCallContext} of its
 * IncomingCall event. Each works once per call; a context that is unknown, already used, expired, or whose caller
 * hung up fails with {@link io.switchboard.domain.call.CallAutomationException} ({@code CALL_NOT_FOUND}).
 */
public interface IncomingCallUseCase {

    /** Answers: a call connection with the caller as its participant, connecting until the media flows. */
    CompletionStage<Call> answer(AnswerCallCommand command);

    CompletionStage<Void> reject(String incomingCallContext, RejectReason reason);

    /** Sends the caller on; fails with {@code INVALID_REQUEST} when the target cannot be reached from there. */
    CompletionStage<Void> redirect(String incomingCallContext, CommunicationIdentifier target);
}
