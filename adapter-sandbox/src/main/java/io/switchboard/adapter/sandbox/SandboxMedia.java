package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Playbacks into sandbox legs, in real time: no samples are sent anywhere, but a clip takes as long as its audio
 * would. Confined to the network's context.
 *
 * <p>A playback ends after the clip's duration and is reported as completed, even if its legs ended meanwhile
 * (they simply stopped hearing it). A looped one starts over at each end until stopped, or until all its legs
 * ended; then it is dropped without a report. At each end of the clip, every leg still hearing it is handed to
 * {@code heardEnd} (the phone may react, e.g. press a key). What plays is told to the call's recording, if any.
 */
final class SandboxMedia {

    private static final System.Logger LOG = System.getLogger(SandboxMedia.class.getName());

    private record Key(CallConnectionId call, MediaOperationId operation) {
    }

    private static final class Playback {
        private final PlaybackRequest request;
        private final List<SandboxLeg> audience;
        private long timer;

        private Playback(PlaybackRequest request, List<SandboxLeg> audience) {
            this.request = request;
            this.audience = new ArrayList<>(audience);
        }
    }

    private final Vertx vertx;
    private final HandleTelephonyEventUseCase events;
    private final Consumer<SandboxLeg> heardEnd;
    private final SandboxRecordings recordings;
    private final Map<Key, Playback> playbacks = new HashMap<>();

    SandboxMedia(Vertx vertx, HandleTelephonyEventUseCase events, Consumer<SandboxLeg> heardEnd,
                 SandboxRecordings recordings) {
        this.vertx = vertx;
        this.events = events;
        this.heardEnd = heardEnd;
        this.recordings = recordings;
    }

    /** Starts playing to the audience (the request's answered sandbox legs); an empty audience is ignored. */
    void play(PlaybackRequest request, List<SandboxLeg> audience) {
        Key key = new Key(request.call(), request.operation());
        if (audience.isEmpty() || playbacks.containsKey(key)) {
            return;
        }
        Playback playback = new Playback(request, audience);
        playbacks.put(key, playback);
        recordings.playing(request.call(), request.operation(), request.clip(), request.loop());
        LOG.log(Level.DEBUG, "call {0} play {1} started: {2} to {3} leg(s), loop {4}", request.call(),
                request.operation(), request.clip(), audience.size(), request.loop());
        startClip(key, playback);
    }

    /** Stops a playback at once, without a report; unknown ones are ignored. */
    void stop(CallConnectionId call, MediaOperationId operation) {
        Playback playback = playbacks.remove(new Key(call, operation));
        if (playback != null) {
            vertx.cancelTimer(playback.timer);
            recordings.stopped(call, operation);
            LOG.log(Level.DEBUG, "call {0} play {1} stopped", call, operation);
        }
    }

    /** The leg no longer hears anything; looped playbacks nobody hears any more are dropped. */
    void legEnded(SandboxLeg leg) {
        playbacks.entrySet().removeIf(entry -> {
            Playback playback = entry.getValue();
            boolean unheard = playback.audience.remove(leg) && playback.audience.isEmpty()
                    && playback.request.loop();
            if (unheard) {
                vertx.cancelTimer(playback.timer);
                recordings.stopped(entry.getKey().call(), entry.getKey().operation());
            }
            return unheard;
        });
    }

    /** Drops every playback without a report. */
    void close() {
        playbacks.values().forEach(playback -> vertx.cancelTimer(playback.timer));
        playbacks.clear();
    }

    private void startClip(Key key, Playback playback) {
        long millis = Math.max(1, playback.request.clip().durationMillis());
        playback.timer = vertx.setTimer(millis, timer -> clipEnded(key, playback));
    }

    private void clipEnded(Key key, Playback playback) {
        PlaybackRequest request = playback.request;
        if (request.loop()) {
            startClip(key, playback);
        } else {
            playbacks.remove(key);
            recordings.stopped(request.call(), request.operation());
            LOG.log(Level.DEBUG, "call {0} play {1} completed", request.call(), request.operation());
            events.playEnded(request.call(), PlayOperation.Outcome.completed(request.operation()));
        }
        List.copyOf(playback.audience).stream().filter(SandboxLeg::isAnswered).forEach(heardEnd);
    }
}
