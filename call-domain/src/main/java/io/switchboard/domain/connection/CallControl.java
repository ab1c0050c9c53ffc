package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CallTransferFailed;
import io.switchboard.domain.event.CancelAddParticipantFailed;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.SendDtmfTonesFailed;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand.SetHeld;
import io.switchboard.domain.telephony.TelephonyCommand.SetMuted;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The call-control transitions of the GA API (continuous DTMF, mute, hold, invitation cancel, DTMF sending,
 * transfer), kept apart from {@link Call} so that each stays readable. Pure functions of a call.
 */
final class CallControl {

    private CallControl() {
    }

    static Transition toneReceived(Call call, LegId leg, Tone tone) {
        Optional<Participant> from = call.participant(leg).filter(Participant::isConnected);
        if (from.isEmpty()) {
            return Transition.of(call);
        }
        Call next = call.withRoster(call.roster().nextTone());
        List<CallEvent> events = new ArrayList<>();
        if (call.setup().requestedEvents().contains(RequestedCallEvent.DTMF_RECEIVED)
                || call.dtmfListeners().contains(leg)) {
            events.add(new ToneReceived(call.id(), from.get(), tone, next.toneSequence()));
        }
        return new Transition(next, events).then(c -> CallMedia.toneForRecognition(c, leg, tone))
                .then(c -> CallStreaming.tone(c, from.get(), tone));
    }

    static Transition startContinuousDtmf(Call call, String idOrRawId) {
        Participant target = connected(call, idOrRawId);
        Set<LegId> listeners = new HashSet<>(call.dtmfListeners());
        listeners.add(target.leg());
        return Transition.of(call.withRoster(call.roster().withDtmfListeners(listeners)));
    }

    static Transition stopContinuousDtmf(Call call, String idOrRawId, Optional<String> context,
                                         OperationCallback callback) {
        Participant target = connected(call, idOrRawId);
        Set<LegId> listeners = new HashSet<>(call.dtmfListeners());
        listeners.remove(target.leg());
        return Transition.of(call.withRoster(call.roster().withDtmfListeners(listeners)),
                new ContinuousDtmfRecognitionStopped(call.id(), target, context, callback));
    }

    static Transition mute(Call call, String idOrRawId, boolean muted) {
        Participant target = connected(call, idOrRawId);
        if (target.muted() == muted) {
            return Transition.of(call);
        }
        return changed(call, target.withMuted(muted)).and(new SetMuted(target.leg(), muted));
    }

    static Transition hold(Call call, String idOrRawId, boolean onHold, Optional<PlaySource> music,
                           Optional<String> context, OperationCallback callback) {
        Participant target = connected(call, idOrRawId);
        if (target.onHold() == onHold) {
            return Transition.of(call);
        }
        Participant changed = target.withOnHold(onHold);
        Transition told = changed(call, changed).and(new SetHeld(changed.leg(), onHold));
        if (!onHold) {
            return told.then(c -> CallMedia.holdMusicOff(c, changed));
        }
        return told.then(c -> music.map(m -> CallMedia.holdMusic(c, changed, m, context, callback))
                .orElseGet(() -> Transition.of(c)));
    }

    static Transition heldByRemote(Call call, LegId leg, boolean held) {
        return call.participants().stream().filter(p -> p.leg().equals(leg) && p.isConnected()).findFirst()
                .filter(p -> p.onHold() != held)
                .map(p -> changed(call, p.withOnHold(held)))
                .orElseGet(() -> Transition.of(call));
    }

    static Transition cancelInvitation(Call call, String invitationId, Optional<String> context,
                                       OperationCallback callback) {
        call.requireNotEnded();
        Optional<Participant> pending = call.participants().stream()
                .filter(p -> p.id().value().equals(invitationId) && p.invited()
                        && p.state() == ParticipantState.CONNECTING)
                .findFirst();
        if (pending.isEmpty()) {
            return Transition.of(call, new CancelAddParticipantFailed(call.id(), invitationId, context, callback,
                    ResultInformation.invitationNotCanceled("No ringing invitation " + invitationId + ".")));
        }
        return Transition.of(call.withRoster(call.roster().replacing(pending.get().canceling(context, callback))))
                .and(new HangUp(pending.get().leg()));
    }

    static Transition tonesSent(Call call, Optional<String> context, OperationCallback callback,
                                Optional<ResultInformation> failure) {
        CallEvent event = failure.<CallEvent>map(why -> new SendDtmfTonesFailed(call.id(), context, callback, why))
                .orElseGet(() -> new SendDtmfTonesCompleted(call.id(), context, callback));
        return Transition.of(call, event);
    }

    static Transition transferred(Call call, LegId transferee, CommunicationIdentifier target,
                                  Optional<String> context, OperationCallback callback) {
        Optional<Participant> moved = call.participant(transferee);
        if (moved.isEmpty() || call.state().isEnded()) {
            return Transition.of(call);
        }
        List<CallEvent> events = new ArrayList<>();
        events.add(new CallTransferAccepted(call.id(), moved.get().identifier(), target, context, callback));
        // The leg now belongs to the transfer target's conversation: it leaves this call as if it had hung up,
        // without the hang-up that removing it would send.
        return new Transition(call, events)
                .then(c -> c.legEnded(transferee, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    static Transition transferFailed(Call call, Optional<String> context, OperationCallback callback,
                                     ResultInformation why) {
        return Transition.of(call, new CallTransferFailed(call.id(), context, callback, why));
    }

    static Participant connected(Call call, String idOrRawId) {
        call.requireConnected();
        Participant target = call.find(idOrRawId);
        if (!target.isConnected()) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE,
                    "Participant " + idOrRawId + " is not connected to call " + call.id() + ".");
        }
        return target;
    }

    private static Transition changed(Call call, Participant next) {
        List<CallEvent> events = new ArrayList<>();
        Call updated = call.withRoster(call.roster().replacing(next)).withParticipantsUpdated(events);
        return new Transition(updated, events);
    }
}
