package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.event.RecordingStateChanged;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.recording.RecordingSpec;
import io.switchboard.domain.recording.RecordingState;
import io.switchboard.domain.telephony.TelephonyCommand.PauseRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StartRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StopRecording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The transitions of a call's recording: one at a time, started on a connected call, ended with the call. */
final class CallRecording {

    private CallRecording() {
    }

    static Transition start(Call call, RecordingId id, RecordingSpec spec, Instant at) {
        call.requireConnected();
        Optional<Recording> running = call.media().recording();
        if (running.isPresent()) {
            throw new CallAutomationException(ErrorCode.RECORDING_ACTIVE, "Call " + call.id()
                    + " is already being recorded (recording " + running.get().id() + "); stop it first.");
        }
        RecordingState state = spec.pauseOnStart() ? RecordingState.INACTIVE : RecordingState.ACTIVE;
        Recording recording = new Recording(id, spec, state, at);
        List<LegId> order = spec.channelOrder().stream().map(identifier -> legOf(call, identifier)).toList();
        Call next = call.withMedia(call.media().withRecording(Optional.of(recording)));
        return Transition.of(next, changed(next, recording, state))
                .and(new StartRecording(id, spec.channels(), order, spec.pauseOnStart()));
    }

    /** Pauses or resumes; asking for the state it is in changes nothing. */
    static Transition pause(Call call, RecordingId id, boolean paused) {
        Recording recording = find(call, id);
        Recording next = recording.paused(paused);
        if (next.state() == recording.state()) {
            return Transition.of(call);
        }
        Call after = call.withMedia(call.media().withRecording(Optional.of(next)));
        return Transition.of(after, changed(after, next, next.state())).and(new PauseRecording(id, paused));
    }

    static Transition stop(Call call, RecordingId id) {
        return stopped(call, find(call, id));
    }

    /** The call's recording, if one runs, stops (the call ends, or the application left it). */
    static Transition stopAny(Call call) {
        return call.media().recording().map(recording -> stopped(call, recording)).orElseGet(() -> Transition.of(call));
    }

    static Recording find(Call call, RecordingId id) {
        return call.media().recording().filter(recording -> recording.id().equals(id))
                .orElseThrow(() -> new CallAutomationException(ErrorCode.RECORDING_NOT_FOUND,
                        "Recording " + id + " is not running in call " + call.id() + "."));
    }

    private static Transition stopped(Call call, Recording recording) {
        Call next = call.withMedia(call.media().withRecording(Optional.empty()));
        return Transition.of(next, changed(next, recording, RecordingState.INACTIVE))
                .and(new StopRecording(recording.id()));
    }

    private static LegId legOf(Call call, CommunicationIdentifier identifier) {
        return call.participant(identifier.rawId()).map(Participant::leg)
                .orElseThrow(() -> new IllegalArgumentException("audioChannelParticipantOrdering: "
                        + identifier.rawId() + " (expected: a participant of call " + call.id() + ")"));
    }

    private static RecordingStateChanged changed(Call call, Recording recording, RecordingState state) {
        return new RecordingStateChanged(call.id(), call.serverCallId(), recording, state);
    }
}
