package io.switchboard.domain.call;

import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.CallTransferAccepted;
import io.switchboard.domain.event.CallTransferFailed;
import io.switchboard.domain.event.CancelAddParticipantFailed;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.HoldFailed;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.SendDtmfTonesFailed;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The call-control transitions of the GA API (recognition, continuous DTMF, mute, hold, invitation cancel, DTMF
 * sending, transfer), kept apart from {@link Call} so that each stays readable. Pure functions of a call.
 */
final class CallControl {

    private CallControl() {
    }

    static Transition startRecognize(Call call, RecognizeOperation operation, boolean interrupt) {
        call.requireConnected();
        call.participant(operation.target()).filter(Participant::isConnected).orElseThrow(() -> new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND,
                        "The recognition's target is not connected to call " + call.id() + "."));
        Transition cleared = call.clearMedia(interrupt);
        return new Transition(cleared.call().withRecognize(Optional.of(operation)), cleared.events());
    }

    /** The recognition's prompt ended: collection starts, or the recognition fails with the prompt. */
    static Transition promptEnded(Call call, PlayOperation.Outcome outcome) {
        RecognizeOperation running = call.recognize().orElseThrow();
        if (!running.prompting()) {
            return Transition.of(call);
        }
        if (outcome.status() == OperationStatus.FAILED) {
            return Transition.of(call.withRecognize(Optional.empty()),
                    new RecognizeFailed(call.id(), running, outcome.result()));
        }
        return Transition.of(call.withRecognize(Optional.of(running.collecting())));
    }

    static Transition toneForRecognition(Call call, LegId leg, Tone tone) {
        Optional<RecognizeOperation> running = call.recognize().filter(r -> r.target().equals(leg));
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        RecognizeOperation operation = running.get();
        RecognizeOperation next = operation.with(tone);
        return switch (operation.stepFor(tone)) {
            case IGNORED -> Transition.of(call);
            case COLLECTED -> Transition.of(call.withRecognize(Optional.of(next)));
            case MAX_REACHED -> Transition.of(call.withRecognize(Optional.empty()),
                    new RecognizeCompleted(call.id(), next, ResultInformation.RECOGNIZED_MAX_TONES));
            case STOP_TONE -> Transition.of(call.withRecognize(Optional.empty()),
                    new RecognizeCompleted(call.id(), next, ResultInformation.RECOGNIZED_STOP_TONE));
        };
    }

    static Transition recognizeTimedOut(Call call, MediaOperationId id, int tonesSoFar) {
        Optional<RecognizeOperation> running = call.recognize()
                .filter(r -> r.id().equals(id) && !r.prompting() && r.tonesSoFar() == tonesSoFar);
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        ResultInformation why = tonesSoFar == 0 ? ResultInformation.INITIAL_SILENCE_TIMEOUT
                : ResultInformation.INTER_TONE_TIMEOUT;
        return Transition.of(call.withRecognize(Optional.empty()), new RecognizeFailed(call.id(), running.get(), why));
    }

    static Transition startContinuousDtmf(Call call, String idOrRawId) {
        Participant target = connected(call, idOrRawId);
        Set<LegId> listeners = new HashSet<>(call.dtmfListeners());
        listeners.add(target.leg());
        return Transition.of(call.withDtmfListeners(listeners));
    }

    static Transition stopContinuousDtmf(Call call, String idOrRawId, Optional<String> context,
                                         Optional<URI> callback) {
        Participant target = connected(call, idOrRawId);
        Set<LegId> listeners = new HashSet<>(call.dtmfListeners());
        listeners.remove(target.leg());
        return Transition.of(call.withDtmfListeners(listeners),
                new ContinuousDtmfRecognitionStopped(call.id(), target, context, callback));
    }

    static Transition mute(Call call, String idOrRawId, boolean muted) {
        Participant target = connected(call, idOrRawId);
        return changed(call, target.withMuted(muted), target.muted() != muted);
    }

    static Transition hold(Call call, String idOrRawId, boolean onHold) {
        Participant target = connected(call, idOrRawId);
        return changed(call, target.withOnHold(onHold), target.onHold() != onHold);
    }

    static Transition cancelInvitation(Call call, String invitationId, Optional<String> context,
                                       Optional<URI> callback) {
        call.requireNotEnded();
        Optional<Participant> pending = call.participants().stream()
                .filter(p -> p.id().value().equals(invitationId) && p.invited()
                        && p.state() == ParticipantState.CONNECTING)
                .findFirst();
        if (pending.isEmpty()) {
            return Transition.of(call, new CancelAddParticipantFailed(call.id(), invitationId, context, callback,
                    ResultInformation.invitationNotCanceled("No ringing invitation " + invitationId + ".")));
        }
        return Transition.of(call.withParticipants(call.replace(pending.get().canceling(context, callback))));
    }

    static Transition tonesSent(Call call, Optional<String> context, Optional<URI> callback,
                                Optional<ResultInformation> failure) {
        CallEvent event = failure.<CallEvent>map(why -> new SendDtmfTonesFailed(call.id(), context, callback, why))
                .orElseGet(() -> new SendDtmfTonesCompleted(call.id(), context, callback));
        return Transition.of(call, event);
    }

    static Transition holdMusicFailed(Call call, LegId leg, Optional<String> context, Optional<URI> callback,
                                      ResultInformation why) {
        return call.participant(leg)
                .map(p -> Transition.of(call, new HoldFailed(call.id(), p, context, callback, why)))
                .orElseGet(() -> Transition.of(call));
    }

    static Transition transferred(Call call, LegId transferee, CommunicationIdentifier target,
                                  Optional<String> context, Optional<URI> callback) {
        Optional<Participant> moved = call.participant(transferee);
        if (moved.isEmpty() || call.state().isEnded()) {
            return Transition.of(call);
        }
        List<CallEvent> events = new ArrayList<>();
        events.add(new CallTransferAccepted(call.id(), moved.get().identifier(), target, context, callback));
        // The leg now belongs to the transfer target's conversation: it leaves this call as if it had hung up,
        // without the hang-up that removing it would send.
        Transition left = call.legEnded(transferee, ResultInformation.HUNG_UP_BY_APPLICATION);
        events.addAll(left.events());
        return new Transition(left.call(), events);
    }

    static Transition transferFailed(Call call, Optional<String> context, Optional<URI> callback,
                                     ResultInformation why) {
        return Transition.of(call, new CallTransferFailed(call.id(), context, callback, why));
    }

    private static Participant connected(Call call, String idOrRawId) {
        call.requireConnected();
        Participant target = call.find(idOrRawId);
        if (!target.isConnected()) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE,
                    "Participant " + idOrRawId + " is not connected to call " + call.id() + ".");
        }
        return target;
    }

    private static Transition changed(Call call, Participant next, boolean differs) {
        if (!differs) {
            return Transition.of(call);
        }
        List<CallEvent> events = new ArrayList<>();
        Call updated = call.withParticipants(call.replace(next)).withParticipantsUpdated(events);
        return new Transition(updated, events);
    }
}
