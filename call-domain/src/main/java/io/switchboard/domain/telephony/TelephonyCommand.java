package io.switchboard.domain.telephony;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.Choice;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.SpeechOptions;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.streaming.StreamSpec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What telephony and timers must do because a call changed. A transition states its commands along with its
 * events; the application services carry them out in order, after the events are published, and never work them
 * out for themselves.
 */
public sealed interface TelephonyCommand {

    /**
     * Dial a participant's leg; a target no network reaches ends the leg at once as unreachable.
     *
     * @param ringTimeout how long it may ring; the server's default if empty
     */
    record Dial(LegId leg, CommunicationIdentifier target, Optional<PhoneNumberIdentifier> callerId,
                Optional<Duration> ringTimeout) implements TelephonyCommand {

        public Dial {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(callerId, "callerId");
            Objects.requireNonNull(ringTimeout, "ringTimeout");
        }
    }

    /** Hang up a leg: cancel it while ringing, end it once answered. */
    record HangUp(LegId leg) implements TelephonyCommand {

        public HangUp {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /**
     * Start a media operation: fetch its audio, then play it to the legs the call names for the operation at that
     * moment ({@code Call.mediaAudience}); an operation that ended meanwhile is not started. One path for every
     * kind of media a call plays: a play, a recognition's prompt, hold music.
     */
    record StartMedia(MediaOperationId operation, PlaySource source, boolean loop) implements TelephonyCommand {

        public StartMedia {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(source, "source");
        }
    }

    /** Stop a media operation that ended in the call before its audio did; unknown or finished ones are ignored. */
    record StopMedia(MediaOperationId operation) implements TelephonyCommand {

        public StopMedia {
            Objects.requireNonNull(operation, "operation");
        }
    }

    /** Mute or unmute a leg: muted, the others no longer hear it. */
    record SetMuted(LegId leg, boolean muted) implements TelephonyCommand {

        public SetMuted {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /**
     * Put a leg on hold or take it off: telephony tells the remote party (SIP: a re-INVITE with {@code a=sendonly}, then
     * {@code a=sendrecv}, RFC 3264 §8.4); the hold music, if any, is a media operation of its own.
     */
    record SetHeld(LegId leg, boolean held) implements TelephonyCommand {

        public SetHeld {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /**
     * Arm a recognition's silence timer; when it fires, {@code Call.recognizeTimedOut(operation, tonesSoFar)} judges
     * whether it still matters (timers are never canceled: a stale one changes nothing).
     */
    record StartSilenceTimer(MediaOperationId operation, int tonesSoFar, Duration after) implements TelephonyCommand {

        public StartSilenceTimer {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * Listen to what a leg says for a recognition: report when speech starts, then what was said when it ends
     * ({@code Call.speechHeard}); one utterance, then the listening stops by itself. With {@code choices}, only
     * their phrases are listened for; without, any speech.
     */
    record StartListening(MediaOperationId operation, LegId leg, List<Choice> choices, SpeechOptions options)
            implements TelephonyCommand {

        public StartListening {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(leg, "leg");
            choices = List.copyOf(choices);
            Objects.requireNonNull(options, "options");
        }
    }

    /** Stop listening for a recognition that ended; unknown or finished ones are ignored. */
    record StopListening(MediaOperationId operation) implements TelephonyCommand {

        public StopListening {
            Objects.requireNonNull(operation, "operation");
        }
    }

    /**
     * Start recording the call's answered legs (and those answered later) and what it plays to them, paused if
     * {@code paused}; an unmixed recording gives the legs of {@code channelOrder} channels 0, 1, … and the others
     * the next free channel as they join.
     */
    record StartRecording(RecordingId recording, RecordingChannels channels, List<LegId> channelOrder,
                          boolean paused) implements TelephonyCommand {

        public StartRecording {
            Objects.requireNonNull(recording, "recording");
            Objects.requireNonNull(channels, "channels");
            channelOrder = List.copyOf(channelOrder);
        }
    }

    /** Pause a recording (nothing written meanwhile) or resume it. */
    record PauseRecording(RecordingId recording, boolean paused) implements TelephonyCommand {

        public PauseRecording {
            Objects.requireNonNull(recording, "recording");
        }
    }

    /** Stop a recording: its file is completed, and telephony reports it done. */
    record StopRecording(RecordingId recording) implements TelephonyCommand {

        public StopRecording {
            Objects.requireNonNull(recording, "recording");
        }
    }

    /**
     * Open a call's media stream or live transcription to the application: once open, telephony reports it ({@code Call.streamingOpened}),
     * and the call says which legs it carries ({@link StreamLeg}); one that cannot be opened or is lost later is
     * reported too ({@code Call.streamingFailed}).
     */
    record StartStreaming(MediaOperationId stream, StreamSpec spec) implements TelephonyCommand {

        public StartStreaming {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * Carry a connected participant's leg in the stream: what it says goes to the application as the participant's
     * audio (or, for a transcription, as text), and, for a bidirectional stream, what the application sends is played
     * to it.
     */
    record StreamLeg(MediaOperationId stream, LegId leg, CommunicationIdentifier participant)
            implements TelephonyCommand {

        public StreamLeg {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(participant, "participant");
        }
    }

    /** Stop carrying a leg that left the call; the stream goes on with the others. */
    record UnstreamLeg(MediaOperationId stream, LegId leg) implements TelephonyCommand {

        public UnstreamLeg {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(leg, "leg");
        }
    }

    /** Send a participant's key press along the stream. */
    record StreamTone(MediaOperationId stream, CommunicationIdentifier participant, Tone tone)
            implements TelephonyCommand {

        public StreamTone {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(participant, "participant");
            Objects.requireNonNull(tone, "tone");
        }
    }

    /** Close the stream: its legs are no longer carried, audio queued to play is dropped. Unknown ones are ignored. */
    record StopStreaming(MediaOperationId stream) implements TelephonyCommand {

        public StopStreaming {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /** A live transcription goes on in another language, from the next utterance on. */
    record UpdateTranscription(MediaOperationId stream, String locale) implements TelephonyCommand {

        public UpdateTranscription {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(locale, "locale");
        }
    }

    /**
     * Carry the answered leg of a participant moved here from the call {@code from} in this call's media from now on:
     * it hears this call and no longer that one, without new signalling. A leg that ended meanwhile is reported
     * ended again, so that this call learns it.
     */
    record MoveLeg(LegId leg, CallConnectionId from) implements TelephonyCommand {

        public MoveLeg {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(from, "from");
        }
    }
}
