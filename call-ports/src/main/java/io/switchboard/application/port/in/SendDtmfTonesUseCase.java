package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.concurrent.CompletionStage;

/** Sends DTMF tones into a participant's leg. */
public interface SendDtmfTonesUseCase {

    /**
     * Hands the tones to telephony; {@code SendDtmfTonesCompleted} or {@code SendDtmfTonesFailed} follows.
     * Non-blocking.
     *
     * @return the participant; fails with {@code CALL_NOT_FOUND}, {@code CALL_NOT_ESTABLISHED},
     *         {@code PARTICIPANT_NOT_FOUND} or {@code INVALID_STATE}
     */
    CompletionStage<Participant> sendDtmfTones(SendDtmfTonesCommand command);
}
