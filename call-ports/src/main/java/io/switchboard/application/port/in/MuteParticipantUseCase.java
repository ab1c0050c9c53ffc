package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Mutes participants. */
public interface MuteParticipantUseCase {

    /**
     * Mutes (or unmutes) the participant at once; a participants update follows when it changed. Non-blocking.
     *
     * @return the participant as it now is; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     *         {@code PARTICIPANT_NOT_FOUND} or {@code INVALID_STATE} (not connected)
     */
    CompletionStage<Participant> muteParticipant(MuteParticipantCommand command);
}
