package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.MoveParticipantFailed;
import io.switchboard.domain.event.MoveParticipantSucceeded;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.telephony.TelephonyCommand;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand.MoveLeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moving participants between calls (ACS's {@code moveParticipants}): a connected participant leaves its call
 * without being hung up, and its answered leg joins the other call's media. Pure functions of a call.
 */
final class CallMoves {

    private CallMoves() {
    }

    /** The participants of {@code call} that may leave it for another call: connected, in a connected call. */
    static Participant movable(Call call, String idOrRawId) {
        return CallControl.connected(call, idOrRawId);
    }

    static void requireRoomFor(Call call, int arriving) {
        call.requireConnected();
        int total = call.participants().size() + arriving;
        if (total > Call.MAX_PARTICIPANTS) {
            throw new CallAutomationException(ErrorCode.TOO_MANY_PARTICIPANTS, "targetParticipants: " + total
                    + " participants in call " + call.id() + " (expected: at most " + Call.MAX_PARTICIPANTS + ")");
        }
    }

    /**
     * The participant on {@code leg} left for another call: as if it had hung up, without the hang-up; the media only
     * it heard stops, and the call ends if it was the last participant.
     */
    static Transition away(Call call, Participant mover) {
        return call.legEnded(mover.leg(), ResultInformation.MOVED);
    }

    /**
     * Participants of {@code from} arrive, connected, muted or on hold as they were: each is reported moved, the
     * participants update follows, telephony carries their legs here, and a running media stream carries them too.
     * A call that ended or filled up meanwhile takes none: each is reported failed and its leg, which no call has
     * any more, is hung up.
     */
    static Transition here(Call call, List<Participant> movers, CallConnectionId from, Optional<String> context,
                           OperationCallback callback) {
        boolean full = call.participants().size() + movers.size() > Call.MAX_PARTICIPANTS;
        if (call.state() != CallState.CONNECTED || full) {
            ResultInformation why = ResultInformation.moveFailed(full ? "Call " + call.id() + " is full."
                    : "Call " + call.id() + " is " + call.state().name().toLowerCase() + ".");
            Transition refused = Transition.of(call, movers.stream().map(p -> (CallEvent) new MoveParticipantFailed(
                    call.id(), p.identifier(), from, context, callback, why)).toArray(CallEvent[]::new));
            return refused.and(movers.stream().map(p -> new HangUp(p.leg())).toArray(TelephonyCommand[]::new));
        }
        List<Participant> arrived = movers.stream().map(Participant::movedIn).toList();
        List<CallEvent> events = new ArrayList<>();
        arrived.forEach(p -> events.add(new MoveParticipantSucceeded(call.id(), p, from, context, callback)));
        Call joined = call.withRoster(call.roster().adding(arrived)).withParticipantsUpdated(events);
        Transition moved = new Transition(joined, events)
                .and(arrived.stream().map(p -> new MoveLeg(p.leg(), from)).toArray(TelephonyCommand[]::new));
        for (Participant p : arrived) {
            moved = moved.then(c -> CallStreaming.joined(c, p));
        }
        return moved;
    }

    /** Participants of {@code from} could not be moved here (telephony cannot carry their legs); they stay there. */
    static Transition failed(Call call, List<CommunicationIdentifier> who, CallConnectionId from,
                             Optional<String> context, OperationCallback callback, ResultInformation why) {
        return Transition.of(call, who.stream().map(p -> (CallEvent) new MoveParticipantFailed(call.id(), p, from,
                context, callback, why)).toArray(CallEvent[]::new));
    }
}
