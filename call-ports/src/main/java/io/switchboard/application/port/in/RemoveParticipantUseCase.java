package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Takes a participant out of a call. */
public interface RemoveParticipantUseCase {

    /**
     * Hangs up the participant's leg; when it has ended, the participants update (and the call's end, if it was the
     * last) follow as events. Non-blocking.
     *
     * @return the participant being removed; fails with {@code CALL_NOT_FOUND} or {@code PARTICIPANT_NOT_FOUND}
     */
    CompletionStage<Participant> removeParticipant(RemoveParticipantCommand command);
}
