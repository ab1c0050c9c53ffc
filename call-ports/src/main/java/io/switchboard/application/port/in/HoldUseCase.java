package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Puts participants on hold and takes them off. A held participant is left out of plays to everyone. */
public interface HoldUseCase {

    /**
     * Holds the participant at once (a participants update follows) and starts its music, if any; music that cannot
     * be played is reported as {@code HoldFailed}. Non-blocking.
     *
     * @return the participant as it now is; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     *         {@code PARTICIPANT_NOT_FOUND} or {@code INVALID_STATE}
     */
    CompletionStage<Participant> hold(HoldCommand command);

    /** Takes the participant off hold and stops its music. Fails as {@link #hold} does. */
    CompletionStage<Participant> unhold(ParticipantOperationCommand command);
}
