package io.switchboard.adapter.sip;

import gov.nist.javax.sip.stack.MessageProcessor;
import io.switchboard.application.port.in.DevicePasswordsUseCase;
import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.AudioFeed;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.DialogRecords;
import io.switchboard.application.port.out.RegistrationRecords;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.rtp.MediaEngine;
import io.switchboard.rtp.MediaSession;

import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.Dialog;

/**
 * {@link Telephony} over SIP (RFC 3261, UDP and TCP) with RTP media: places outbound legs to phone numbers through
 * trunks (by prefix, failing over) and to communication users by a static map or the device registered for them
 * ({@link Registrar}), plays clips into them, reports what happens through {@link HandleTelephonyEventUseCase}. Calls
 * to this server ring (180) and are offered through {@link HandleIncomingCallUseCase}; once answered they are legs
 * like the dialled ones. Any answered leg can be handed over to another party (blind transfer, SIP REFER) or moved to
 * another call. The answered legs of one call hear each other: from its second answered leg on, a call's legs talk
 * through a mix of the media engine; a call with one leg never pays for mixing.
 *
 * <p>Threading: every method returns at once. All leg state lives on one signalling thread per adapter; port
 * calls, SIP events, media events and timers hop onto it, and events are reported from it. Only {@link #start}
 * and {@link #close} block.
 */
public final class SipTelephony implements Telephony, AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final Routes routes;
    private final SignallingThread thread;
    private final SipEndpoint sip;
    private final LegTable legs;
    private final Playbacks playbacks;
    private final Conferences conferences;
    private final Recordings recordings;
    private final OutboundLegs outbound;
    /** Each trunk's limits, by trunk name, in the configuration's order. */
    private final Map<String, TrunkGate> gates = new LinkedHashMap<>();
    private final LeftDialogs left;
    /** The registrations with the trunks that ask for one, by trunk name. */
    private final Map<String, TrunkRegistration> trunkRegistrations = new LinkedHashMap<>();
    /** The trunks asked with OPTIONS whether they are there, by trunk name. */
    private final Map<String, TrunkProbe> trunkProbes = new LinkedHashMap<>();
    private final LegSignals signals;
    private final InboundCalls inbound;
    private final Transfers transfers;
    private final MediaEvents media;
    private final MediaEngine engine;
    /** Who hears the legs and what is fed into them; touched on the signalling thread only. */
    private final LegListeners listeners;
    /** The devices registered for the Identity API's users; read by routing from any thread. */
    private final Registrations registrations;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SipTelephony(SipConfig config, SignallingThread thread, SipEndpoint sip, SipEvents sipEvents,
                         MediaEngine mediaFactory, HandleTelephonyEventUseCase events,
                         HandleIncomingCallUseCase incoming, DialogRecords dialogs,
                         Optional<DevicePasswordsUseCase> devices, RegistrationRecords registered) {
        this.registrations = new Registrations(Clock.systemUTC(), registered);
        this.routes = new Routes(config, registrations);
        this.engine = mediaFactory;
        this.listeners = new LegListeners(mediaFactory);
        this.thread = thread;
        this.sip = sip;
        this.playbacks = new Playbacks(events);
        this.recordings = new Recordings(mediaFactory);
        this.conferences = new Conferences(mediaFactory, thread, events, recordings);
        this.left = new LeftDialogs(dialogs);
        this.legs = new LegTable(events, playbacks, conferences, left);
        this.signals = new LegSignals(sip, legs);
        this.media = new MediaEvents(mediaFactory, thread, legs, playbacks, signals, events);
        this.outbound = new OutboundLegs(sip, routes, legs, signals, thread, this::dialThrough);
        SessionTimers timers = new SessionTimers(sip, thread, legs, signals, config.sessionMinimum(),
                outbound::refresh);
        outbound.refreshing(timers);
        this.inbound = new InboundCalls(sip, new SipIdentities(config.users()), routes, legs, signals, media, thread,
                incoming, config.maxRinging(), config.inbound().withPeersOf(config), registrations, timers);
        for (SipTrunk trunk : config.trunks()) {
            gates.put(trunk.name(), new TrunkGate(trunk, thread, legs));
            if (!trunk.register().isZero()) {
                trunkRegistrations.put(trunk.name(), new TrunkRegistration(sip, trunk, thread, Clock.systemUTC()));
            }
            if (!trunk.options().isZero()) {
                trunkProbes.put(trunk.name(), new TrunkProbe(sip, trunk, thread));
            }
        }
        legs.onTrunkLegReleased(trunk -> gates.get(trunk.name()).released());
        this.transfers = new Transfers(sip, routes, legs, signals, thread, config.t1());
        Optional<Registrar> registrar = devices.map(passwords -> new Registrar(sip, thread, passwords, registrations,
                Clock.systemUTC()));
        sipEvents.bind(outbound, new DialogRequests(sip, legs, inbound, transfers, signals, registrar, timers), inbound,
                transfers, List.copyOf(trunkRegistrations.values()), List.copyOf(trunkProbes.values()));
        trunkRegistrations.forEach((name, ours) -> thread.execute("register with trunk " + name, ours::start));
        trunkProbes.forEach((name, probe) -> thread.execute("ask trunk " + name + " with OPTIONS", probe::start));
    }

    /**
     * Starts listening for SIP on UDP and TCP {@code config.host():config.port()}; each leg opens a session of
     * {@code media}, which the caller keeps and closes after this adapter.
     *
     * @param events   receives what happens on the legs, from the adapter's signalling thread
     * @param incoming is offered the calls to this server, from the adapter's signalling thread
     * @throws IllegalStateException naming the transport and address when it cannot listen there (e.g. the port is in
     *                               use)
     */
    public static SipTelephony start(SipConfig config, MediaEngine media, HandleTelephonyEventUseCase events,
                                     HandleIncomingCallUseCase incoming) {
        return start(config, media, events, incoming, DialogRecords.NONE);
    }

    /**
     * As {@link #start(SipConfig, MediaEngine, HandleTelephonyEventUseCase, HandleIncomingCallUseCase)}, keeping the
     * dialogs of answered legs in {@code dialogs} while they last, and first ending with a BYE those it kept that the
     * last stop of the server left open (see {@link LeftDialogs}).
     */
    public static SipTelephony start(SipConfig config, MediaEngine media, HandleTelephonyEventUseCase events,
                                     HandleIncomingCallUseCase incoming, DialogRecords dialogs) {
        return start(config, media, events, incoming, dialogs, Optional.empty());
    }

    /**
     * As {@link #start(SipConfig, MediaEngine, HandleTelephonyEventUseCase, HandleIncomingCallUseCase,
     * DialogRecords)}, with a registrar for the Identity API's users when {@code devices} is given (see
     * {@link Registrar}): a device that registers for a user makes it reachable; without it REGISTER is answered 501.
     */
    public static SipTelephony start(SipConfig config, MediaEngine media, HandleTelephonyEventUseCase events,
                                     HandleIncomingCallUseCase incoming, DialogRecords dialogs,
                                     Optional<DevicePasswordsUseCase> devices) {
        return start(config, media, events, incoming, dialogs, devices, RegistrationRecords.NONE);
    }

    /**
     * As {@link #start(SipConfig, MediaEngine, HandleTelephonyEventUseCase, HandleIncomingCallUseCase, DialogRecords,
     * Optional)}, keeping the registered devices in {@code registered} and first taking from it those of the last run
     * whose registrations still hold, so that their users are reachable at once.
     */
    public static SipTelephony start(SipConfig config, MediaEngine media, HandleTelephonyEventUseCase events,
                                     HandleIncomingCallUseCase incoming, DialogRecords dialogs,
                                     Optional<DevicePasswordsUseCase> devices, RegistrationRecords registered) {
        List<DialogRecords.Dialog> leftOpen = dialogs.leftOpen();
        SignallingThread thread = new SignallingThread(config.host() + ":" + config.port());
        if (config.raisedSignalling()) {
            System.getLogger(SipTelephony.class.getName()).log(System.Logger.Level.INFO, "SIP signalling thread "
                    + thread.raisePriority() + " (" + SipConfig.PRIORITY + ")");
        }
        SipEvents sipEvents = new SipEvents(thread);
        try {
            SipEndpoint sip = SipEndpoint.start(config.host(), config.port(), (int) config.t1().toMillis(),
                    config.tcp(), config.advertised(), sipEvents);
            SipTelephony telephony = new SipTelephony(config, thread, sip, sipEvents, media, events, incoming,
                    dialogs, devices, registered);
            if (devices.isPresent()) {
                telephony.registrations.restore();
            }
            if (!leftOpen.isEmpty()) {
                thread.execute("end the dialogs left open", () -> telephony.left.endLeftOpen(sip, leftOpen));
            }
            return telephony;
        } catch (RuntimeException e) {
            thread.close();
            throw e;
        }
    }

    @Override
    public boolean canReach(CommunicationIdentifier target) {
        return routes.canReach(target);
    }

    @Override
    public void dial(DialRequest request) {
        thread.execute("dial " + request.leg(), () -> {
            List<SipTrunk> trunks = request.target() instanceof PhoneNumberIdentifier phone
                    ? TrunkProbe.upFirst(routes.trunksFor(phone), trunkProbes) : List.of();
            if (!trunks.isEmpty()) {
                dialThrough(request, trunks.get(0), trunks.subList(1, trunks.size()));
                return;
            }
            Optional<MediaSession> legMedia = media.open(request.call(), request.leg());
            if (legMedia.isPresent()) {
                sendOrFail(request, legMedia.get(), () -> outbound.dial(request, legMedia.get()));
            }
        });
    }

    /**
     * Sends a leg to a number through {@code trunk} within its limits, its media opened when it goes out (a leg
     * waiting for room holds no RTP port); the {@code untried} trunks are tried next on failure.
     */
    private void dialThrough(DialRequest request, SipTrunk trunk, List<SipTrunk> untried) {
        sendOrFail(request, null, () -> gates.get(trunk.name()).dial(request, admitted -> {
            // a failure here is the gate's to account for (the call never went out) and its caller's to report
            MediaSession legMedia = media.openOrThrow(admitted.leg());
            try {
                outbound.dial(admitted, legMedia, trunk, untried);
            } catch (Exception e) {
                legMedia.close();
                throw e;
            }
        }));
    }

    /** Runs {@code send}; if it throws, the leg never became one: its media (if open) is closed, its end reported. */
    private void sendOrFail(DialRequest request, MediaSession legMedia, SignallingThread.Task send) {
        try {
            send.run();
        } catch (Exception e) {
            if (legMedia != null) {
                legMedia.close();
            }
            legs.failed(request.call(), request.leg(), ResultInformation.unavailable(
                    "SIP INVITE not sent: " + e.getMessage()));
        }
    }

    @Override
    public void hangUp(LegId leg) {
        thread.execute("hang up " + leg, () -> {
            if (gates.values().stream().noneMatch(gate -> gate.cancel(leg))) {
                signals.hangUp(leg);
            }
        });
    }

    /**
     * Plays into the answered legs among the request's: into the call's mix, once, if they are all its answered legs
     * and it is mixed (from its second answered leg on); else into each leg alone (over the conference audio, if the
     * leg is in one).
     */
    @Override
    public void play(PlaybackRequest request) {
        thread.execute("play " + request.operation(), () -> {
            List<Leg> owned = request.legs().stream().map(legs::find).flatMap(Optional::stream).toList();
            if (!owned.isEmpty()) {
                List<Leg> answered = owned.stream().filter(leg -> leg.state == LegState.ANSWERED).toList();
                if (!conferences.play(request.call(), request.operation(), answered, request.clip(), request.loop())) {
                    playbacks.start(request.call(), request.operation(), answered, request.clip(), request.loop());
                }
            }
        });
    }

    @Override
    public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        thread.execute("stop playback " + operation, () -> {
            conferences.stop(call, operation);
            playbacks.stop(operation, playbacks.legsOf(call, operation).stream().map(legs::find)
                    .flatMap(Optional::stream).toList());
        });
    }

    /** SIP legs carry RTP audio: any call of this network can be recorded. */
    @Override
    public boolean records(List<LegId> legs) {
        return true;
    }

    /**
     * Records the call's answered legs, those answered later, and its mix's prompts while it has a mix, into a WAV
     * file written by the media engine. Fails if the call is recorded already or the file cannot be created.
     */
    @Override
    public CompletionStage<RecordedFile> record(RecordingRequest request) {
        CompletableFuture<RecordedFile> recorded = new CompletableFuture<>();
        thread.execute("record " + request.call(), () -> recordings.start(request,
                        conferences.answeredLegs(request.call()), conferences.mix(request.call()))
                .whenComplete((file, error) -> {
                    if (error != null) {
                        recorded.completeExceptionally(error);
                    } else {
                        recorded.complete(file);
                    }
                }));
        return recorded;
    }

    /**
     * Hands what an answered leg says to {@code sink}, frame by frame on the media engine's writer thread, until
     * {@link #stopListening}; unknown or unanswered legs deliver nothing. Muted legs are heard too. Several operations
     * may listen to one leg.
     */
    @Override
    public void listen(CallConnectionId call, MediaOperationId operation, LegId leg, AudioSink sink) {
        thread.execute("listen to " + leg, () -> legs.find(leg).filter(found -> found.state == LegState.ANSWERED)
                .ifPresent(answered -> listeners.listen(leg, answered.media, operation, sink)));
    }

    @Override
    public void stopListening(CallConnectionId call, MediaOperationId operation) {
        thread.execute("stop listening " + operation, () -> listeners.stopListening(operation));
    }

    /** Mixes the feed into what an answered leg hears, over its prompts or its conference; others are ignored. */
    @Override
    public void feed(CallConnectionId call, MediaOperationId operation, LegId leg, AudioFeed feed) {
        thread.execute("feed " + leg, () -> legs.find(leg).filter(found -> found.state == LegState.ANSWERED)
                .ifPresent(answered -> listeners.feed(answered.media, operation, feed)));
    }

    @Override
    public void stopFeeding(CallConnectionId call, MediaOperationId operation) {
        thread.execute("stop feeding " + operation, () -> listeners.stopFeeding(operation));
    }

    @Override
    public void pauseRecording(CallConnectionId call, RecordingId recording, boolean paused) {
        thread.execute((paused ? "pause " : "resume ") + recording, () -> recordings.pause(recording, paused));
    }

    @Override
    public void stopRecording(CallConnectionId call, RecordingId recording) {
        thread.execute("stop recording " + recording, () -> recordings.stop(recording,
                conferences.answeredLegs(call), conferences.mix(call)));
    }

    /**
     * Mutes or unmutes a leg: muted, the other legs of its call no longer hear it; it still hears them. Kept while
     * the leg lives, whether or not its call is mixed yet. Unknown or ended legs are ignored.
     */
    @Override
    public void setMuted(LegId leg, boolean muted) {
        thread.execute((muted ? "mute " : "unmute ") + leg, () -> legs.find(leg)
                .filter(found -> found.state.isLive())
                .ifPresent(found -> found.media.setMuted(muted)));
    }

    /**
     * Sends RFC 4733 tones into an answered leg; completes once the last end packet went out. Fails for unknown or
     * unanswered legs and for peers that negotiated no telephone-event.
     */
    /** Any leg this network carries may move to another call of its own; one gone by then is reported ended. */
    @Override
    public boolean canMove(LegId leg, List<LegId> into) {
        return true;
    }

    @Override
    public void moveLeg(LegId leg, CallConnectionId to) {
        thread.execute("move " + leg + " to call " + to, () -> legs.move(leg, to));
    }

    @Override
    public void setHeld(LegId leg, boolean held) {
        thread.execute((held ? "hold " : "unhold ") + leg, () -> {
            Optional<Leg> found = legs.find(leg).filter(l -> l.state == LegState.ANSWERED && l.dialog != null);
            if (found.isPresent()) {
                outbound.hold(found.get(), held);
            }
        });
    }

    @Override
    public CompletionStage<Void> sendTones(CallConnectionId call, LegId leg, List<Tone> tones) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        thread.execute("send tones " + leg, () -> {
            Optional<Leg> answered = legs.find(leg).filter(found -> found.state == LegState.ANSWERED);
            if (answered.isEmpty()) {
                sent.completeExceptionally(new IllegalStateException("leg " + leg + " is not an answered SIP leg"));
                return;
            }
            try {
                answered.get().media.sendDtmf(tones, () -> sent.complete(null));
            } catch (IllegalStateException e) {
                sent.completeExceptionally(e);
            }
        });
        return sent;
    }

    /**
     * Hands an answered leg over to the target by a blind transfer (SIP REFER in its dialog, RFC 3515, RFC 5589 §6).
     * The stage completes once the transferee reports a 2xx from the target (NOTIFY, {@code message/sipfrag}); the
     * leg's dialog is then ended with BYE and its media closed, without {@code legEnded}. It fails, the leg staying
     * answered and in its call, on a non-2xx to the REFER, a final non-2xx from the target, the subscription ending
     * without one, no final NOTIFY within 64 × T1 of the 202, or the leg ending meanwhile (then reported as usual).
     * It fails at once with {@link UnsupportedOperationException} for legs not this adapter's, with
     * {@link IllegalStateException} for legs not answered or already being transferred, and with
     * {@link IllegalArgumentException} for targets without a SIP address.
     */
    @Override
    public CompletionStage<Void> transfer(CallConnectionId call, LegId leg, CommunicationIdentifier target) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("the SIP adapter is closed"));
        }
        CompletableFuture<Void> transferred = new CompletableFuture<>();
        thread.execute("transfer " + leg, () -> transfers.transfer(call, leg, target, transferred));
        return transferred;
    }

    /** The codec of an answered leg of this adapter ({@code PCMU}, {@code PCMA}); empty otherwise. Any thread. */
    public Optional<String> codec(LegId leg) {
        return legs.codecOf(leg);
    }

    /** The trunks' names ({@code 1}, {@code 2}, ...), in the configuration's order. */
    public List<String> trunks() {
        return List.copyOf(gates.keySet());
    }

    /**
     * A trunk's registration state ({@code registered until ...}, {@code failed: ...}); empty when the server does
     * not register with it ({@value SipTrunk#REGISTER}). Any thread.
     */
    public Optional<String> trunkRegistration(String trunk) {
        return Optional.ofNullable(trunkRegistrations.get(trunk)).map(TrunkRegistration::state);
    }

    /**
     * The registrations' state in one: the first that does not hold, else the first; empty when the server registers
     * with no trunk. Any thread.
     */
    public Optional<String> trunkRegistration() {
        List<String> states = trunkRegistrations.values().stream().map(TrunkRegistration::state).toList();
        return states.stream().filter(state -> !state.startsWith("registered")).findFirst()
                .or(() -> states.stream().findFirst());
    }

    /**
     * Whether a trunk answered the last OPTIONS it was asked ({@value SipTrunk#OPTIONS}; true until the first is
     * answered or times out); empty when it is not asked. Any thread.
     */
    public Optional<Boolean> trunkUp(String trunk) {
        return Optional.ofNullable(trunkProbes.get(trunk)).map(TrunkProbe::up);
    }

    /** Calls through a trunk now (ringing or answered); 0 for an unknown one. Any thread: a moment's value. */
    public int trunkCalls(String trunk) {
        return Optional.ofNullable(gates.get(trunk)).map(TrunkGate::inUse).orElse(0);
    }

    /** Calls through every trunk now. */
    public int trunkCalls() {
        return gates.values().stream().mapToInt(TrunkGate::inUse).sum();
    }

    /** Legs waiting for room on a trunk now ({@value TrunkLimits#MAX_CALLS}, {@value TrunkLimits#PER_SECOND}). */
    public int trunkQueue(String trunk) {
        return Optional.ofNullable(gates.get(trunk)).map(TrunkGate::waiting).orElse(0);
    }

    /**
     * INVITEs sent through a trunk since start; 0 for an unknown one. Any thread. Their rate is the trunk's calls per
     * second ({@value TrunkLimits#PER_SECOND}).
     */
    public long trunkInvites(String trunk) {
        return Optional.ofNullable(gates.get(trunk)).map(TrunkGate::invites).orElse(0L);
    }

    /** Legs waiting for room on every trunk now. */
    public int trunkQueue() {
        return gates.values().stream().mapToInt(TrunkGate::waiting).sum();
    }

    /** The receive buffer the kernel granted the UDP listening point, in bytes. */
    int udpReceiveBufferBytes() throws SocketException {
        return sip.network().udpReceiveBufferBytes();
    }

    /** The SIP stack's processor for a transport ({@code udp}, {@code tcp}). */
    MessageProcessor processor(String transport) {
        return sip.processor(transport);
    }

    /** SIP over TCP connections accepted and open now. */
    public int tcpConnections() {
        return sip.tcp().open();
    }

    /** SIP over TCP connections closed as soon as accepted, their address holding its share already. */
    public long tcpConnectionsRefused() {
        return sip.tcp().refused();
    }

    /** The SIP stack's dialogs now, early and confirmed: for diagnostics and tests. */
    Collection<Dialog> dialogs() {
        return sip.dialogs();
    }

    /**
     * Refuses the calls still ringing here (480), hangs up every leg (CANCEL or BYE, each reported ended), waits up
     * to a second for the peers to confirm, then stops the SIP stack. Blocks; idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.call(() -> {
                trunkRegistrations.values().forEach(TrunkRegistration::stop);
                trunkProbes.values().forEach(TrunkProbe::stop);
                gates.values().forEach(gate -> gate.endAll(ResultInformation.unavailable(
                        "the server stopped before the trunk had room")));
                listeners.closeAll();
                inbound.close();
                for (Leg leg : legs.all()) {
                    signals.hangUp(leg.id());
                }
                return null;
            }, CLOSE_GRACE);
            Instant deadline = Instant.now().plus(CLOSE_GRACE);
            while (!thread.call(legs::isEmpty, CLOSE_GRACE) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            // The signalling thread is stuck: stop anyway.
        } finally {
            sip.close();
            thread.close();
        }
    }
}
