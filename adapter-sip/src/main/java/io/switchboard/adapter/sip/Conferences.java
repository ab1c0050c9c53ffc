package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.rtp.MediaEngine;
import io.switchboard.rtp.MediaMix;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lets the answered legs of a call hear each other: when a call's second leg is answered a {@link MediaMix} opens and
 * both legs join it, later legs join on answer, a leg that ends leaves, and when one answered leg is left the mix
 * closes and that leg sends on its own again. A call that never has two answered legs never opens a mix, so it costs
 * no mixing. A prompt for every answered leg of a mixed call plays once, in the mix, and is reported once.
 *
 * <p>Confined to the signalling thread; the mix's callbacks hop onto it.
 */
final class Conferences {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    /** One call's answered legs, its mix while it has one, and the mix's prompt while it plays. */
    private static final class Conference {
        final List<Leg> legs = new ArrayList<>();
        MediaMix mix;
        MediaOperationId prompt;
    }

    private final Map<CallConnectionId, Conference> byCall = new HashMap<>();
    private final MediaEngine media;
    private final SignallingThread thread;
    private final HandleTelephonyEventUseCase events;
    private final Recordings recordings;

    Conferences(MediaEngine media, SignallingThread thread, HandleTelephonyEventUseCase events,
                Recordings recordings) {
        this.media = media;
        this.thread = thread;
        this.events = events;
        this.recordings = recordings;
    }

    /** The answered legs of a call, in the order they were answered. */
    List<Leg> answeredLegs(CallConnectionId call) {
        Conference conference = byCall.get(call);
        return conference == null ? List.of() : List.copyOf(conference.legs);
    }

    /** The mix of a call, while it has one. */
    Optional<MediaMix> mix(CallConnectionId call) {
        return Optional.ofNullable(byCall.get(call)).map(conference -> conference.mix);
    }

    /**
     * A leg was answered and its media started: with another answered leg in its call, it joins the mix; if its
     * call is recorded, so is the leg.
     */
    void answered(Leg leg) {
        Conference conference = byCall.computeIfAbsent(leg.call(), call -> new Conference());
        conference.legs.add(leg);
        recordings.answered(leg);
        if (conference.mix != null) {
            join(conference, leg);
        } else if (conference.legs.size() >= 2 && open(leg, conference)) {
            conference.legs.forEach(member -> join(conference, member));
        }
    }

    /** A leg ended (its media not yet closed): it leaves the mix, which closes when one leg or none is left. */
    void ended(Leg leg) {
        Conference conference = byCall.get(leg.call());
        if (conference == null || !conference.legs.remove(leg)) {
            return;
        }
        if (conference.mix != null) {
            leg.media.leave();
        }
        settle(leg.call(), conference);
    }

    /**
     * Plays into the mix if {@code answered} is every answered leg of a call that has a mix; the prompt then plays
     * once for everyone, mixed with their voices, and is reported once.
     *
     * @return false, leaving the playback to the caller, if the call has no mix or the request names only some legs
     */
    boolean play(CallConnectionId call, MediaOperationId operation, List<Leg> answered, AudioClip clip,
                 boolean loop) {
        Conference conference = byCall.get(call);
        if (conference == null || conference.mix == null || answered.isEmpty()
                || !new HashSet<>(answered).equals(new HashSet<>(conference.legs))) {
            return false;
        }
        if (conference.prompt != null && !conference.prompt.equals(operation)) {
            // The mix replaces its prompt without a callback: report the replaced one over, so none is left open.
            completed(call, conference.prompt);
        }
        conference.prompt = operation;
        conference.mix.play(operation, clip, loop,
                () -> thread.execute("mix prompt finished " + operation, () -> finished(call, operation)));
        return true;
    }

    /** Stops the call's mix prompt {@code operation}, unreported; ignored if it is not the call's mix prompt. */
    void stop(CallConnectionId call, MediaOperationId operation) {
        Conference conference = byCall.get(call);
        if (conference != null && operation.equals(conference.prompt)) {
            conference.prompt = null;
            conference.mix.stop(operation);
            settle(call, conference);
        }
    }

    private void finished(CallConnectionId call, MediaOperationId operation) {
        Conference conference = byCall.get(call);
        if (conference != null && operation.equals(conference.prompt)) {
            conference.prompt = null;
            completed(call, operation);
            settle(call, conference);
        }
    }

    /**
     * Closes the mix of a call down to one leg, unless a mix prompt still plays: that leg hears it to its end (and
     * its end is reported) first. A call down to no leg is forgotten; its prompt is over, as with a leg's own.
     */
    private void settle(CallConnectionId call, Conference conference) {
        if (conference.legs.isEmpty()) {
            byCall.remove(call);
            close(conference);
            if (conference.prompt != null) {
                completed(call, conference.prompt);
                conference.prompt = null;
            }
        } else if (conference.legs.size() == 1 && conference.mix != null && conference.prompt == null) {
            conference.legs.get(0).media.leave();
            close(conference);
        }
    }

    private boolean open(Leg leg, Conference conference) {
        try {
            conference.mix = media.openMix();
            LOG.log(Level.INFO, "SIP call {0}: mixing {1} legs", leg.call(), conference.legs.size());
            recordings.mixOpened(leg.call(), conference.mix);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIP call {0}: no mix, its legs do not hear each other: {1}", leg.call(),
                    e.getMessage());
            return false;
        }
    }

    private static void join(Conference conference, Leg leg) {
        try {
            leg.media.join(conference.mix);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIP {0} does not hear the other legs: {1}", leg, e.getMessage());
        }
    }

    private static void close(Conference conference) {
        if (conference.mix != null) {
            conference.mix.close();
            conference.mix = null;
        }
    }

    private void completed(CallConnectionId call, MediaOperationId operation) {
        events.playEnded(call, PlayOperation.Outcome.completed(operation));
    }
}
