package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Tone;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;

/**
 * The legs this adapter owns, by leg id and by SIP Call-ID, and the one place a leg's state changes are reported
 * (events and the INFO log line). Confined to the signalling thread.
 */
final class LegTable {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final Map<LegId, Leg> byId = new HashMap<>();
    private final Map<String, Leg> byCallId = new HashMap<>();
    private final HandleTelephonyEventUseCase events;
    private final Playbacks playbacks;
    private final Conferences conferences;
    private final LeftDialogs dialogs;
    private Consumer<SipTrunk> trunkLegReleased = trunk -> { };
    /** The codec of each answered leg, read from any thread (the console). */
    private final Map<LegId, String> codecs = new ConcurrentHashMap<>();

    LegTable(HandleTelephonyEventUseCase events, Playbacks playbacks, Conferences conferences, LeftDialogs dialogs) {
        this.events = events;
        this.playbacks = playbacks;
        this.conferences = conferences;
        this.dialogs = dialogs;
    }

    /** What to do when a leg that went out through a trunk is released (its place on that trunk is free). */
    void onTrunkLegReleased(Consumer<SipTrunk> action) {
        trunkLegReleased = action;
    }

    /** Adds a leg; {@code what} says how it came, for the log (e.g. {@code calling sip:...}). */
    void add(Leg leg, String what) {
        byId.put(leg.id(), leg);
        byCallId.put(leg.callId, leg);
        log(leg, what);
    }

    Optional<Leg> find(LegId id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Leg> find(Message message) {
        CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return callId == null ? Optional.empty() : find(callId.getCallId());
    }

    Optional<Leg> find(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    List<Leg> all() {
        return new ArrayList<>(byId.values());
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Notes the codec an answer chose for the leg: RTP payload type 0 or 8 (RFC 3551). */
    void codec(Leg leg, int payloadType) {
        codecs.put(leg.id(), payloadType == 8 ? "PCMA" : payloadType == 0 ? "PCMU" : "payload type " + payloadType);
    }

    /** The codec of an answered leg of this table; empty for a leg not answered or not here. Any thread. */
    Optional<String> codecOf(LegId leg) {
        return Optional.ofNullable(codecs.get(leg));
    }

    /** The remote party put the leg on hold or took it off: one log line, and the core is told. */
    void heldByRemote(Leg leg, boolean held) {
        log(leg, held ? "held by the remote party" : "taken off hold by the remote party");
        events.legHeld(leg.id(), held);
    }

    /** A key the remote party pressed, sent as SIP INFO rather than in its RTP. */
    void toneReceived(Leg leg, Tone tone) {
        events.toneReceived(leg.id(), tone);
    }

    void ringing(Leg leg, int status) {
        log(leg, "ringing (SIP " + status + " over " + leg.transport + ")");
    }

    void answered(Leg leg) {
        cancelRingTimer(leg);
        log(leg, "answered");
        dialogs.opened(leg);
        conferences.answered(leg);
        events.legAnswered(leg.id());
    }

    /**
     * Reports the end of a leg and releases its media (its state table asks for this once); SIP may still be winding
     * down. A transfer under way fails first: the leg it was to hand over is gone.
     */
    void ended(Leg leg, ResultInformation cause) {
        if (leg.transfer != null) {
            leg.transfer.failed(leg, "the leg ended during the transfer: " + cause.message());
        }
        release(leg);
        log(leg, "ended: " + cause.code() + "/" + cause.subCode() + " " + cause.message());
        playbacks.legGone(leg.id());
        events.legEnded(leg.id(), cause);
    }

    /**
     * An answered leg moved to the call {@code to}: it stops hearing its call (mix, prompts, recording) and hears
     * {@code to} as if answered there; the move is not reported (the core made it). Its end is reported as usual.
     */
    void move(LegId id, CallConnectionId to) {
        Optional<Leg> found = find(id).filter(leg -> leg.state == LegState.ANSWERED);
        if (found.isEmpty()) {
            // it ended on the way, reported to the call it left: the call it joined learns it now
            events.legEnded(id, ResultInformation.REMOTE_HUNG_UP);
            return;
        }
        Leg leg = found.get();
        CallConnectionId from = leg.call();
        conferences.ended(leg);
        leg.media.stopRecording();
        playbacks.moved(leg);
        leg.moveTo(to);
        conferences.answered(leg);
        log(leg, "moved here from call " + from);
    }

    /**
     * A leg handed over to {@code target} by a blind transfer: released like an ended leg, but its end is never
     * reported (the port's contract: it now talks outside the call). SIP may still be winding down.
     */
    void transferred(Leg leg, SipUri target) {
        release(leg);
        log(leg, "transferred to " + target + " (no longer reported)");
        playbacks.legGone(leg.id());
    }

    private void release(Leg leg) {
        cancelRingTimer(leg);
        if (leg.sessionDue != null) {
            leg.sessionDue.cancel(false);
        }
        if (leg.dialog != null) {
            dialogs.closed(leg); // also for a leg never answered: nothing kept, nothing lost
        }
        conferences.ended(leg);
        leg.media.close();
        codecs.remove(leg.id());
        leg.trunk.ifPresent(trunkLegReleased);
    }

    /**
     * A leg's INVITE through a trunk failed and goes out again through another: this attempt leaves the table
     * unreported, its place on the trunk freed; its media is the caller's to close.
     */
    void retried(Leg leg, String what) {
        cancelRingTimer(leg);
        remove(leg);
        log(leg, what);
        leg.trunk.ifPresent(trunkLegReleased);
    }

    /** Reports a leg that never got as far as the table: it could not be dialled or answered. */
    void failed(CallConnectionId call, LegId leg, ResultInformation cause) {
        LOG.log(Level.INFO, "SIP leg {0} of call {1}: ended: {2}/{3} {4}", leg, call, cause.code(), cause.subCode(),
                cause.message());
        events.legEnded(leg, cause);
    }

    /** Forgets a leg whose SIP transactions are over. */
    void remove(Leg leg) {
        byId.remove(leg.id(), leg);
        byCallId.remove(leg.callId, leg);
    }

    private static void cancelRingTimer(Leg leg) {
        if (leg.ringTimer != null) {
            leg.ringTimer.cancel(false);
        }
    }

    /** Logs what happened to a leg without changing it. */
    void note(Leg leg, String what) {
        log(leg, what);
    }

    private static void log(Leg leg, String what) {
        LOG.log(Level.INFO, "SIP leg {0} of call {1}: {2}", leg.id(), leg.call(), what);
    }
}
