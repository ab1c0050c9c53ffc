package io.switchboard.application.service;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.application.port.out.Timers;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.Transition;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.telephony.TelephonyCommand.Dial;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand.MoveLeg;
import io.switchboard.domain.telephony.TelephonyCommand.PauseRecording;
import io.switchboard.domain.telephony.TelephonyCommand.SetHeld;
import io.switchboard.domain.telephony.TelephonyCommand.SetMuted;
import io.switchboard.domain.telephony.TelephonyCommand.StartListening;
import io.switchboard.domain.telephony.TelephonyCommand.StartMedia;
import io.switchboard.domain.telephony.TelephonyCommand.StartRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StartSilenceTimer;
import io.switchboard.domain.telephony.TelephonyCommand.StartStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StopListening;
import io.switchboard.domain.telephony.TelephonyCommand.StopMedia;
import io.switchboard.domain.telephony.TelephonyCommand.StopRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StopStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.StreamTone;
import io.switchboard.domain.telephony.TelephonyCommand.UnstreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.UpdateTranscription;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.time.Duration;

/**
 * Carries out what a transition tells telephony and timers to do; runs on the call's executor, right after the
 * transition was applied. What comes back later (a clip fetched, a timer fired, a target found unreachable) is
 * applied to the call as it is then, through {@link Calls}, whose transitions may command more.
 */
final class TelephonyCommands {

    private final Telephony telephony;
    private final Clips clips;
    private final Timers timers;
    private final Duration defaultRingTimeout;
    private final RecordingFiles recordings;
    private final SpeechListening listening;
    private final StreamRelays streams;

    TelephonyCommands(Telephony telephony, Clips clips, Timers timers, Duration defaultRingTimeout,
                      RecordingFiles recordings, SpeechListening listening, StreamRelays streams) {
        this.listening = listening;
        this.streams = streams;
        this.telephony = telephony;
        this.clips = clips;
        this.timers = timers;
        this.defaultRingTimeout = defaultRingTimeout;
        this.recordings = recordings;
    }

    void run(Calls calls, Call call, TelephonyCommand command) {
        // Java 17 has no pattern switch: the sealed interface's records, one branch each
        if (command instanceof Dial dial) {
            dial(calls, call, dial);
        } else if (command instanceof HangUp hangUp) {
            telephony.hangUp(hangUp.leg());
        } else if (command instanceof StartMedia start) {
            start(calls, call, start);
        } else if (command instanceof StopMedia stop) {
            telephony.stopPlayback(call.id(), stop.operation());
        } else if (command instanceof SetMuted mute) {
            telephony.setMuted(mute.leg(), mute.muted());
        } else if (command instanceof SetHeld hold) {
            telephony.setHeld(hold.leg(), hold.held());
        } else if (command instanceof StartSilenceTimer timer) {
            timers.schedule(timer.after(), () -> calls.report(call.id(),
                    current -> current.recognizeTimedOut(timer.operation(), timer.tonesSoFar())));
        } else if (command instanceof StartListening listen) {
            listening.start(calls, call, listen);
        } else if (command instanceof StopListening stop) {
            listening.stop(call, stop);
        } else if (command instanceof StartRecording record) {
            recordings.start(calls, call, record);
        } else if (command instanceof PauseRecording pause) {
            telephony.pauseRecording(call.id(), pause.recording(), pause.paused());
        } else if (command instanceof StopRecording stop) {
            recordings.stop(call, stop);
        } else if (command instanceof StartStreaming start) {
            streams.start(calls, call, start);
        } else if (command instanceof StreamLeg leg) {
            streams.streamLeg(call, leg);
        } else if (command instanceof UnstreamLeg leg) {
            streams.unstreamLeg(leg);
        } else if (command instanceof StreamTone tone) {
            streams.tone(tone);
        } else if (command instanceof UpdateTranscription update) {
            streams.update(update);
        } else if (command instanceof StopStreaming stop) {
            streams.stop(call, stop);
        } else if (command instanceof MoveLeg move) {
            telephony.moveLeg(move.leg(), call.id());
        } else {
            throw new IllegalStateException("unknown telephony command " + command);
        }
    }

    /** A target no network reaches ends its leg at once as unreachable (8544). */
    private void dial(Calls calls, Call call, Dial dial) {
        if (telephony.canReach(dial.target())) {
            telephony.dial(new DialRequest(call.id(), dial.leg(), dial.target(), dial.callerId(),
                    dial.ringTimeout().orElse(defaultRingTimeout)));
        } else {
            calls.apply(calls.current(call.id()).legEnded(dial.leg(),
                    ResultInformation.unreachable("No route to " + dial.target().rawId() + ".")));
        }
    }

    /**
     * Fetches the audio, then plays it to the audience the call names for the operation at that moment: one that
     * ended or was stopped meanwhile is not started, as nothing would stop it. A fetch that fails ends the operation.
     */
    private void start(Calls calls, Call call, StartMedia start) {
        clips.fetch(start.source()).whenComplete((clip, error) -> calls.report(call.id(), current -> {
            if (error != null) {
                return current.playEnded(PlayOperation.Outcome.failed(start.operation(), Clips.why(error)));
            }
            current.mediaAudience(start.operation()).ifPresent(legs -> telephony.play(
                    new PlaybackRequest(current.id(), start.operation(), legs, clip, start.loop())));
            return Transition.of(current);
        }));
    }
}
