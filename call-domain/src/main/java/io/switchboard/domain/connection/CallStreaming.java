package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MediaStreamingChanged.Detail;
import io.switchboard.domain.event.MediaStreamingChanged.Status;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.streaming.MediaStreaming;
import io.switchboard.domain.streaming.MediaStreaming.State;
import io.switchboard.domain.streaming.StreamSpec.Content;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.TranscriptionSpec;
import io.switchboard.domain.telephony.TelephonyCommand.StartStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StopStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.StreamTone;
import io.switchboard.domain.telephony.TelephonyCommand.UnstreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.UpdateTranscription;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transitions of a call's streams to the application, its media stream (audio) and its live transcription (text),
 * both the same way: set up with the call, started when it connects or on request, carrying each connected
 * participant's leg once their connection is open, stopped on request, on failure or with the call. Pure.
 */
final class CallStreaming {

    private CallStreaming() {
    }

    /** Starts a stream on request (a transcription in {@code locale}, if given); refused unless set up and idle. */
    static Transition start(Call call, Content content, Optional<String> locale, Optional<String> context,
                            OperationCallback callback) {
        call.requireConnected();
        MediaStreaming stream = configured(call, content);
        if (stream.running()) {
            throw new CallAutomationException(ErrorCode.MEDIA_OPERATION_ACTIVE, name(content) + " is already "
                    + stream.state().name().toLowerCase(Locale.ROOT) + " in call " + call.id() + ": stop it first.");
        }
        MediaStreaming relocated = locale.map(l -> stream.with(((TranscriptionSpec) stream.spec()).withLocale(l),
                context, callback)).orElse(stream);
        return starting(call, relocated.in(State.STARTING, context, callback));
    }

    /** The call connected: the streams set up to start then start. */
    static Transition connected(Call call) {
        Transition next = Transition.of(call);
        for (Content content : Content.values()) {
            next = next.then(c -> slot(c, content).filter(s -> s.spec().startOnConnect() && !s.running())
                    .map(s -> starting(c, s.in(State.STARTING, Optional.empty(), OperationCallback.OWN)))
                    .orElseGet(() -> Transition.of(c)));
        }
        return next;
    }

    /** Stops a stream on request; refused unless it runs. */
    static Transition stop(Call call, Content content, Optional<String> context, OperationCallback callback) {
        call.requireConnected();
        MediaStreaming stream = configured(call, content);
        if (!stream.running()) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE, name(content) + " is not started in call "
                    + call.id() + ": start it first.");
        }
        return stopped(call, stream.in(State.INACTIVE, context, callback));
    }

    /** The running transcription goes on in another language. */
    static Transition update(Call call, String locale, Optional<String> context, OperationCallback callback) {
        call.requireConnected();
        MediaStreaming stream = configured(call, Content.TRANSCRIPTION);
        if (!stream.running()) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE, "Transcription is not started in call "
                    + call.id() + ": start it first.");
        }
        MediaStreaming updated = stream.with(((TranscriptionSpec) stream.spec()).withLocale(locale), context,
                callback);
        Call next = with(call, updated);
        return Transition.of(next, MediaStreamingChanged.of(call.id(), updated, Status.UPDATED,
                Detail.TRANSCRIPTION_LOCALE_UPDATED, ResultInformation.TRANSCRIPTION_UPDATED))
                .and(new UpdateTranscription(stream.id(), locale));
    }

    /** The call ends: the running streams stop and are reported so. */
    static Transition stopAny(Call call) {
        Transition next = Transition.of(call);
        for (Content content : Content.values()) {
            next = next.then(c -> slot(c, content).filter(MediaStreaming::running)
                    .map(s -> stopped(c, s.inactive())).orElseGet(() -> Transition.of(c)));
        }
        return next;
    }

    /** A stream's connection opened: it is active, and carries every connected participant. */
    static Transition opened(Call call, MediaOperationId stream) {
        Optional<MediaStreaming> starting = find(call, stream).filter(s -> s.state() == State.STARTING);
        if (starting.isEmpty()) {
            return Transition.of(call);
        }
        MediaStreaming active = starting.get().active();
        return Transition.of(with(call, active), MediaStreamingChanged.of(call.id(), active, Status.STARTED,
                        Detail.SUBSCRIPTION_STARTED, ResultInformation.STREAMING_STARTED))
                .and(call.connectedParticipants().stream().map(p -> new StreamLeg(stream, p.leg(), p.identifier()))
                        .toArray(TelephonyCommand[]::new));
    }

    /**
     * A stream's connection could not be opened, or was lost (for a transcription, also its recognizer): it is
     * inactive again; the call goes on.
     */
    static Transition failed(Call call, MediaOperationId stream, ResultInformation why) {
        Optional<MediaStreaming> running = find(call, stream).filter(MediaStreaming::running);
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        Detail detail = running.get().state() == State.STARTING ? Detail.INITIAL_WEB_SOCKET_CONNECTION_FAILED
                : Detail.STREAM_CONNECTION_INTERRUPTED;
        if (why.subCode() == ResultInformation.speechServiceFailed("").subCode()) {
            detail = Detail.SPEECH_SERVICES_CONNECTION_ERROR; // a transcription no recognizer here can do
        }
        MediaStreaming inactive = running.get().inactive();
        return Transition.of(with(call, inactive), MediaStreamingChanged.of(call.id(), inactive, Status.FAILED,
                detail, why)).and(new StopStreaming(stream));
    }

    /** A participant joined: the active streams carry it too. */
    static Transition joined(Call call, Participant joined) {
        return Transition.of(call).and(active(call).stream()
                .map(s -> new StreamLeg(s.id(), joined.leg(), joined.identifier())).toArray(TelephonyCommand[]::new));
    }

    /** A leg left: the active streams no longer carry it. */
    static Transition legGone(Call call, LegId leg) {
        return Transition.of(call).and(active(call).stream().map(s -> new UnstreamLeg(s.id(), leg))
                .toArray(TelephonyCommand[]::new));
    }

    /** A participant pressed a key: an active media stream that sends tones sends it. */
    static Transition tone(Call call, Participant from, Tone tone) {
        return Transition.of(call).and(active(call).stream()
                .filter(s -> s.spec() instanceof StreamingSpec audio && audio.tones())
                .map(s -> new StreamTone(s.id(), from.identifier(), tone)).toArray(TelephonyCommand[]::new));
    }

    private static Transition starting(Call call, MediaStreaming starting) {
        return Transition.of(with(call, starting)).and(new StartStreaming(starting.id(), starting.spec()));
    }

    private static Transition stopped(Call call, MediaStreaming inactive) {
        return Transition.of(with(call, inactive), MediaStreamingChanged.of(call.id(), inactive, Status.STOPPED,
                        Detail.SUBSCRIPTION_STOPPED, ResultInformation.STREAMING_STOPPED))
                .and(new StopStreaming(inactive.id()));
    }

    private static MediaStreaming configured(Call call, Content content) {
        String field = content == Content.AUDIO ? "mediaStreamingOptions" : "transcriptionOptions";
        return slot(call, content).orElseThrow(() -> new CallAutomationException(ErrorCode.INVALID_REQUEST,
                field + ": missing when call " + call.id() + " was created or answered (expected: the options, "
                        + "with a transportUrl, to " + (content == Content.AUDIO ? "stream its media)"
                        : "transcribe it)")));
    }

    private static Optional<MediaStreaming> slot(Call call, Content content) {
        return content == Content.AUDIO ? call.media().streaming() : call.media().transcription();
    }

    private static Call with(Call call, MediaStreaming stream) {
        return call.withMedia(stream.content() == Content.AUDIO
                ? call.media().withStreaming(Optional.of(stream))
                : call.media().withTranscription(Optional.of(stream)));
    }

    private static Optional<MediaStreaming> find(Call call, MediaOperationId stream) {
        return all(call).stream().filter(s -> s.id().equals(stream)).findFirst();
    }

    private static List<MediaStreaming> active(Call call) {
        return all(call).stream().filter(s -> s.state() == State.ACTIVE).toList();
    }

    private static List<MediaStreaming> all(Call call) {
        return java.util.stream.Stream.of(call.media().streaming(), call.media().transcription())
                .flatMap(Optional::stream).toList();
    }

    private static String name(Content content) {
        return content == Content.AUDIO ? "Media streaming" : "Transcription";
    }
}
