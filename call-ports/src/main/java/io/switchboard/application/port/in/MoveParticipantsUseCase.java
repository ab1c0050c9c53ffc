package io.switchboard.application.port.in;

import io.switchboard.domain.participant.Participant;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Brings connected participants of one call into another, their legs kept (no new dialling). */
public interface MoveParticipantsUseCase {

    /**
     * Takes the participants out of {@code fromCall} (which ends if none is left) and into the call: each is reported
     * there with {@code MoveParticipantSucceeded}, or {@code MoveParticipantFailed} if telephony cannot carry its leg
     * there (it then stays where it was). Nothing moves if any is refused. Non-blocking.
     *
     * @return the call's connected participants after the move; fails with {@code CALL_NOT_FOUND} (either call),
     *         {@code CALL_NOT_ESTABLISHED}, {@code PARTICIPANT_NOT_FOUND}, {@code INVALID_STATE} (a participant not
     *         connected) or {@code TOO_MANY_PARTICIPANTS}
     */
    CompletionStage<List<Participant>> moveParticipants(MoveParticipantsCommand command);
}
