package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Hands a participant over to someone else. */
public interface TransferCallUseCase {

    /**
     * Asks telephony to hand the transferee's leg to the target; {@code CallTransferAccepted} follows (the
     * participant leaves the call, which ends if it was the last one) or {@code CallTransferFailed}. Non-blocking.
     *
     * @return the transferee; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     *         {@code PARTICIPANT_NOT_FOUND}, or {@code INVALID_REQUEST} when no transferee is named and the call
     *         has not exactly one connected participant
     */
    CompletionStage<Participant> transfer(TransferCallCommand command);
}
