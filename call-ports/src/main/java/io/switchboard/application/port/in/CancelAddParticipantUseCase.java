package io.switchboard.application.port.in;

import java.util.concurrent.CompletionStage;

/** Withdraws invitations that have not been answered yet. */
public interface CancelAddParticipantUseCase {

    /**
     * Hangs up the invitee's ringing leg; {@code CancelAddParticipantSucceeded} follows once it ended, or
     * {@code CancelAddParticipantFailed} at once if there is no such ringing invitation. Non-blocking.
     *
     * @return the invitation id; fails with {@code CALL_NOT_FOUND} or {@code CALL_TERMINATED}
     */
    CompletionStage<String> cancelAddParticipant(CancelAddParticipantCommand command);
}
