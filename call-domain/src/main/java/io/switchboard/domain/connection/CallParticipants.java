package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.AddParticipantFailed;
import io.switchboard.domain.event.AddParticipantSucceeded;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.RemoveParticipantSucceeded;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.telephony.TelephonyCommand.Dial;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transitions of a call's participants: legs answering and ending, invitations, removals. Kept apart from
 * {@link Call} so that each stays readable. Pure functions of a call.
 */
final class CallParticipants {

    private CallParticipants() {
    }

    static Transition answered(Call call, LegId leg) {
        Optional<Participant> found = call.participant(leg).filter(p -> p.state() == ParticipantState.CONNECTING);
        if (found.isEmpty() || call.state() == CallState.DISCONNECTING || call.state().isEnded()) {
            return Transition.of(call);
        }
        Participant joined = found.get().connected();
        Call next = call.withRoster(call.roster().replacing(joined));
        List<CallEvent> events = new ArrayList<>();
        if (call.state() == CallState.CONNECTING) {
            next = next.withState(CallState.CONNECTED, true, Optional.empty());
            // wasConnected tells whether the call had been connected *before* this change: not yet, here
            events.add(call.stateChanged(CallState.CONNECTED, ResultInformation.CONNECTED));
        }
        if (joined.invited()) {
            events.add(new AddParticipantSucceeded(call.id(), joined.operationContext(), joined));
        }
        next = next.withParticipantsUpdated(events);
        Transition answered = new Transition(next, events);
        return call.state() == CallState.CONNECTING ? answered.then(CallStreaming::connected)
                : answered.then(c -> CallStreaming.joined(c, joined));
    }

    static Transition ended(Call call, LegId leg, ResultInformation cause) {
        Optional<Participant> found = call.participant(leg);
        if (found.isEmpty()) {
            return Transition.of(call);
        }
        Participant gone = found.get();
        Call rest = call.withRoster(call.roster().without(leg));
        if (call.state().isEnded()) {
            // the application left a conference: its participants go on without it, and without its events
            Transition left = Transition.of(rest);
            return rest.participants().size() == 1 ? left.and(new HangUp(rest.participants().get(0).leg())) : left;
        }
        List<CallEvent> events = new ArrayList<>();
        if (gone.state() == ParticipantState.CONNECTING && gone.invited()) {
            events.add(new AddParticipantFailed(call.id(), gone.operationContext(), gone, cause));
        }
        if (gone.state() == ParticipantState.REMOVING) {
            events.add(new RemoveParticipantSucceeded(call.id(), gone.operationContext(), gone));
        }
        if (gone.state() == ParticipantState.CANCELING) {
            events.add(new CancelAddParticipantSucceeded(call.id(), gone, gone.operationContext(),
                    gone.operationCallback()));
        }
        Transition silenced = CallMedia.legGone(rest, leg).then(c -> CallStreaming.legGone(c, leg));
        Call next = silenced.call();
        if (gone.joined() && gone.state() != ParticipantState.LEAVING && !next.participants().isEmpty()) {
            next = next.withParticipantsUpdated(events);
        }
        Transition after = new Transition(next, events, silenced.commands());
        if (!next.participants().isEmpty()) {
            return after;
        }
        ResultInformation why = call.state() == CallState.DISCONNECTING || gone.state() == ParticipantState.REMOVING
                ? ResultInformation.HUNG_UP_BY_APPLICATION : cause;
        return after.then(CallMedia::stopAll).then(c -> c.moveTo(CallState.DISCONNECTED, why));
    }

    static Transition invite(Call call, List<Participant> invitees, Optional<PhoneNumberIdentifier> callerId,
                             Optional<Duration> ringTimeout) {
        call.requireConnected();
        int total = call.participants().size() + invitees.size();
        if (total > Call.MAX_PARTICIPANTS) {
            throw new CallAutomationException(ErrorCode.TOO_MANY_PARTICIPANTS, "participants: " + total + " in call "
                    + call.id() + " (expected: at most " + Call.MAX_PARTICIPANTS + ")");
        }
        return Transition.of(call.withRoster(call.roster().adding(invitees)))
                .and(dials(invitees, callerId, ringTimeout));
    }

    static Transition remove(Call call, String idOrRawId, Optional<String> operationContext,
                             OperationCallback callback) {
        call.requireNotEnded();
        Participant target = call.find(idOrRawId);
        if (target.state() == ParticipantState.REMOVING || target.state() == ParticipantState.LEAVING
                || target.state() == ParticipantState.CANCELING) {
            return Transition.of(call);
        }
        return Transition.of(call.withRoster(call.roster().replacing(target.removing(operationContext, callback))))
                .and(new HangUp(target.leg()));
    }

    static TelephonyCommand[] dials(List<Participant> participants, Optional<PhoneNumberIdentifier> callerId,
                                    Optional<Duration> ringTimeout) {
        return participants.stream().map(p -> new Dial(p.leg(), p.identifier(), callerId, ringTimeout))
                .toArray(TelephonyCommand[]::new);
    }
}
