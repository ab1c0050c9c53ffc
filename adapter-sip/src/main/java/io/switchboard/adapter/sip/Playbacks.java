package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.PlayOperation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The playbacks running on this adapter's legs, so that each is reported ended once, when its last leg finished
 * or ended. Confined to the signalling thread.
 */
final class Playbacks {

    private final Map<PlaybackKey, Set<LegId>> running = new HashMap<>();
    private final HandleTelephonyEventUseCase events;

    Playbacks(HandleTelephonyEventUseCase events) {
        this.events = events;
    }

    /** Plays into answered legs; with none, the playback is over at once. */
    void start(PlaybackKey key, List<Leg> legs, AudioClip clip, boolean loop) {
        stop(key, List.of());
        if (legs.isEmpty()) {
            events.playEnded(key.call(), PlayOperation.Outcome.completed(key.operation()));
            return;
        }
        Set<LegId> playing = new HashSet<>();
        running.put(key, playing);
        for (Leg leg : legs) {
            playing.add(leg.id());
            leg.media.play(key, clip, loop);
        }
    }

    /** Stops a playback on the given legs; it is forgotten and never reported. */
    void stop(PlaybackKey key, List<Leg> legs) {
        if (running.remove(key) != null) {
            legs.forEach(leg -> leg.media.stop(key));
        }
    }

    /** The legs a playback still plays on. */
    Set<LegId> legsOf(PlaybackKey key) {
        return Set.copyOf(running.getOrDefault(key, Set.of()));
    }

    /** A leg's media sent the last frame of a playback. */
    void finished(Object playbackId, LegId leg) {
        if (playbackId instanceof PlaybackKey key) {
            done(key, leg);
        }
    }

    /** A leg ended: it plays nothing any more. */
    void legGone(LegId leg) {
        for (PlaybackKey key : new ArrayList<>(running.keySet())) {
            done(key, leg);
        }
    }

    private void done(PlaybackKey key, LegId leg) {
        Set<LegId> legs = running.get(key);
        if (legs != null && legs.remove(leg) && legs.isEmpty()) {
            running.remove(key);
            events.playEnded(key.call(), PlayOperation.Outcome.completed(key.operation()));
        }
    }
}
