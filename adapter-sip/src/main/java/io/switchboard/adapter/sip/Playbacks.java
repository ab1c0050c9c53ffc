package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The playbacks running on legs one by one (not in a call's mix), so that each is reported ended once, when its last
 * leg finished or ended. Operation ids are unique across calls, as the core issues them. A leg that ends or moves
 * finds its own playbacks by its id (not by looking through every call's), so ending thousands of calls costs each
 * the same. Confined to the signalling thread.
 */
final class Playbacks {

    /** A playback's call and the legs it still plays on. */
    private record Running(CallConnectionId call, Set<LegId> legs) {
    }

    private final Map<MediaOperationId, Running> running = new HashMap<>();
    /** The playbacks each leg is still in: the same pairs as {@link #running}'s, by leg. */
    private final Map<LegId, Set<MediaOperationId>> byLeg = new HashMap<>();
    private final HandleTelephonyEventUseCase events;

    Playbacks(HandleTelephonyEventUseCase events) {
        this.events = events;
    }

    /** Plays into answered legs; with none, the playback is over at once. */
    void start(CallConnectionId call, MediaOperationId operation, List<Leg> legs, AudioClip clip, boolean loop) {
        stop(operation, List.of());
        if (legs.isEmpty()) {
            events.playEnded(call, PlayOperation.Outcome.completed(operation));
            return;
        }
        Set<LegId> playing = new HashSet<>();
        running.put(operation, new Running(call, playing));
        for (Leg leg : legs) {
            playing.add(leg.id());
            byLeg.computeIfAbsent(leg.id(), id -> new HashSet<>(2)).add(operation);
            leg.media.play(operation, clip, loop);
        }
    }

    /** Stops a playback on the given legs; it is forgotten and never reported. */
    void stop(MediaOperationId operation, List<Leg> legs) {
        Running stopped = running.remove(operation);
        if (stopped != null) {
            stopped.legs().forEach(leg -> unindex(leg, operation));
            legs.forEach(leg -> leg.media.stop(operation));
        }
    }

    /** The legs a playback of the call still plays on. */
    Set<LegId> legsOf(CallConnectionId call, MediaOperationId operation) {
        return Optional.ofNullable(running.get(operation)).filter(r -> r.call().equals(call))
                .map(r -> Set.copyOf(r.legs())).orElse(Set.of());
    }

    /** A leg's media sent the last frame of a playback. */
    void finished(MediaOperationId operation, LegId leg) {
        Running playback = running.get(operation);
        if (playback != null && playback.legs().remove(leg)) {
            unindex(leg, operation);
            if (playback.legs().isEmpty()) {
                running.remove(operation);
                events.playEnded(playback.call(), PlayOperation.Outcome.completed(operation));
            }
        }
    }

    /** A leg moved to another call: the playbacks of its old call stop on it (and end if it was their last leg). */
    void moved(Leg leg) {
        for (MediaOperationId operation : playingOn(leg.id())) {
            leg.media.stop(operation);
            finished(operation, leg.id());
        }
    }

    /** A leg ended: it plays nothing any more. */
    void legGone(LegId leg) {
        for (MediaOperationId operation : playingOn(leg)) {
            finished(operation, leg);
        }
    }

    /** A copy: finishing them changes the index. */
    private List<MediaOperationId> playingOn(LegId leg) {
        Set<MediaOperationId> operations = byLeg.get(leg);
        return operations == null ? List.of() : List.copyOf(operations);
    }

    private void unindex(LegId leg, MediaOperationId operation) {
        Set<MediaOperationId> operations = byLeg.get(leg);
        if (operations != null && operations.remove(operation) && operations.isEmpty()) {
            byLeg.remove(leg);
        }
    }
}
