package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MediaStreamingChanged.Detail;
import io.switchboard.domain.event.MediaStreamingChanged.Status;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.streaming.MediaStreaming;
import io.switchboard.domain.streaming.MediaStreaming.State;
import io.switchboard.domain.telephony.TelephonyCommand.StartStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StopStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.StreamTone;
import io.switchboard.domain.telephony.TelephonyCommand.UnstreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.net.URI;
import java.util.Optional;

/**
 * The transitions of a call's media stream: set up with the call, started when it connects or on request, carrying
 * each connected participant's leg once its connection is open, stopped on request, on failure or with the call.
 * Pure.
 */
final class CallStreaming {

    private CallStreaming() {
    }

    /** Starts streaming on request; refused unless set up, connected and not running already. */
    static Transition start(Call call, Optional<String> context, Optional<URI> callback) {
        call.requireConnected();
        MediaStreaming streaming = configured(call);
        if (streaming.running()) {
            throw new CallAutomationException(ErrorCode.MEDIA_OPERATION_ACTIVE, "Media streaming is already "
                    + streaming.state().name().toLowerCase() + " in call " + call.id() + ": stop it first.");
        }
        return starting(call, streaming.in(State.STARTING, context, callback));
    }

    /** The call connected: a stream set up to start then starts. */
    static Transition connected(Call call) {
        return call.media().streaming().filter(s -> s.spec().startOnConnect() && !s.running())
                .map(s -> starting(call, s.in(State.STARTING, Optional.empty(), Optional.empty())))
                .orElseGet(() -> Transition.of(call));
    }

    /** Stops streaming on request; refused unless it runs. */
    static Transition stop(Call call, Optional<String> context, Optional<URI> callback) {
        call.requireConnected();
        MediaStreaming streaming = configured(call);
        if (!streaming.running()) {
            throw new CallAutomationException(ErrorCode.INVALID_STATE, "Media streaming is not started in call "
                    + call.id() + ": start it first.");
        }
        return stopped(call, streaming.in(State.INACTIVE, context, callback));
    }

    /** The call ends: a running stream stops and is reported so. */
    static Transition stopAny(Call call) {
        return call.media().streaming().filter(MediaStreaming::running)
                .map(s -> stopped(call, s.inactive())).orElseGet(() -> Transition.of(call));
    }

    /** The stream's connection opened: it is active, and carries every connected participant. */
    static Transition opened(Call call, MediaOperationId stream) {
        Optional<MediaStreaming> starting = current(call, stream).filter(s -> s.state() == State.STARTING);
        if (starting.isEmpty()) {
            return Transition.of(call);
        }
        MediaStreaming active = starting.get().active();
        Call next = call.withMedia(call.media().withStreaming(Optional.of(active)));
        return Transition.of(next, MediaStreamingChanged.of(call.id(), active, Status.STARTED,
                        Detail.SUBSCRIPTION_STARTED, ResultInformation.STREAMING_STARTED))
                .and(call.connectedParticipants().stream().map(p -> new StreamLeg(stream, p.leg(), p.identifier()))
                        .toArray(TelephonyCommand[]::new));
    }

    /** The stream's connection could not be opened, or was lost: it is inactive again; the call goes on. */
    static Transition failed(Call call, MediaOperationId stream, ResultInformation why) {
        Optional<MediaStreaming> running = current(call, stream).filter(MediaStreaming::running);
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        Detail detail = running.get().state() == State.STARTING ? Detail.INITIAL_WEB_SOCKET_CONNECTION_FAILED
                : Detail.STREAM_CONNECTION_INTERRUPTED;
        MediaStreaming inactive = running.get().inactive();
        Call next = call.withMedia(call.media().withStreaming(Optional.of(inactive)));
        return Transition.of(next, MediaStreamingChanged.of(call.id(), inactive, Status.FAILED, detail, why))
                .and(new StopStreaming(stream));
    }

    /** A participant joined: an active stream carries it too. */
    static Transition joined(Call call, Participant joined) {
        return active(call).map(s -> Transition.of(call).and(new StreamLeg(s.id(), joined.leg(),
                joined.identifier()))).orElseGet(() -> Transition.of(call));
    }

    /** A leg left: an active stream no longer carries it. */
    static Transition legGone(Call call, LegId leg) {
        return active(call).map(s -> Transition.of(call).and(new UnstreamLeg(s.id(), leg)))
                .orElseGet(() -> Transition.of(call));
    }

    /** A participant pressed a key: an active stream that sends tones sends it. */
    static Transition tone(Call call, Participant from, Tone tone) {
        return active(call).filter(s -> s.spec().tones())
                .map(s -> Transition.of(call).and(new StreamTone(s.id(), from.identifier(), tone)))
                .orElseGet(() -> Transition.of(call));
    }

    private static Transition starting(Call call, MediaStreaming starting) {
        return Transition.of(call.withMedia(call.media().withStreaming(Optional.of(starting))))
                .and(new StartStreaming(starting.id(), starting.spec()));
    }

    private static Transition stopped(Call call, MediaStreaming inactive) {
        Call next = call.withMedia(call.media().withStreaming(Optional.of(inactive)));
        return Transition.of(next, MediaStreamingChanged.of(call.id(), inactive, Status.STOPPED,
                Detail.SUBSCRIPTION_STOPPED, ResultInformation.STREAMING_STOPPED)).and(new StopStreaming(inactive.id()));
    }

    private static MediaStreaming configured(Call call) {
        return call.media().streaming().orElseThrow(() -> new CallAutomationException(ErrorCode.INVALID_REQUEST,
                "mediaStreamingOptions: missing when call " + call.id() + " was created or answered (expected: "
                        + "the options, with a transportUrl, to stream its media)"));
    }

    private static Optional<MediaStreaming> current(Call call, MediaOperationId stream) {
        return call.media().streaming().filter(s -> s.id().equals(stream));
    }

    private static Optional<MediaStreaming> active(Call call) {
        return call.media().streaming().filter(s -> s.state() == State.ACTIVE);
    }
}
