package io.switchboard.application.service;

import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.out.AudioFeed;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.recording.RecordingId;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Several phone networks behind one {@link Telephony}: a leg is dialled on the first network registered that can
 * reach its target, and from then on everything about it goes to that network only: hang-ups, mutes, tones,
 * transfers, listening to it, the part of a playback meant for its legs, and the recording of its call. The carrier
 * of each leg is remembered from its dial (or its answer, for calls a network offered through {@link #offersFrom})
 * until its end is reported through
 * {@link #reportsTo}; legs no network carries are ignored, as the port's contract says. Thread-safe.
 */
public final class RoutingTelephony implements Telephony {

    private record Playback(CallConnectionId call, MediaOperationId operation) {
    }

    private final List<Telephony> networks = new CopyOnWriteArrayList<>();
    private final Map<LegId, Telephony> carriers = new ConcurrentHashMap<>();
    private final Map<Playback, Set<Telephony>> playbacks = new ConcurrentHashMap<>();
    private final Map<RecordingId, Telephony> recordings = new ConcurrentHashMap<>();
    private final Map<MediaOperationId, Set<Telephony>> listeners = new ConcurrentHashMap<>();
    private final Map<MediaOperationId, Set<Telephony>> feeds = new ConcurrentHashMap<>();

    /** Adds a network; earlier ones win when several can reach a target. */
    public void register(Telephony network) {
        networks.add(network);
    }

    /** What networks report to: {@code events}, the carriers of legs and playbacks that ended being forgotten first. */
    public HandleTelephonyEventUseCase reportsTo(HandleTelephonyEventUseCase events) {
        return new HandleTelephonyEventUseCase() {
            @Override
            public void legAnswered(LegId leg) {
                events.legAnswered(leg);
            }

            @Override
            public void legEnded(LegId leg, ResultInformation cause) {
                carriers.remove(leg);
                events.legEnded(leg, cause);
            }

            @Override
            public void playEnded(CallConnectionId call, PlayOperation.Outcome outcome) {
                playbacks.remove(new Playback(call, outcome.operationId()));
                events.playEnded(call, outcome);
            }

            @Override
            public void toneReceived(LegId leg, Tone tone) {
                events.toneReceived(leg, tone);
            }
        };
    }

    /**
     * Where a network offers the calls it receives: {@code incoming}, the network ({@code network}, resolved when a
     * call is answered, as it may be built with this handler) becoming the carrier of each leg answered.
     */
    public HandleIncomingCallUseCase offersFrom(Supplier<Telephony> network, HandleIncomingCallUseCase incoming) {
        return new HandleIncomingCallUseCase() {
            @Override
            public void offered(IncomingCallOffer offer) {
                incoming.offered(new IncomingCallOffer(offer.from(), offer.to(), offer.callerDisplayName(),
                        new Answered(offer.call(), network)));
            }

            @Override
            public void withdrawn(OfferedCall call) {
                incoming.withdrawn(new Answered(call, network));
            }
        };
    }

    /** An offered call whose answer makes its network the leg's carrier; equal to any other wrapping of it. */
    private final class Answered implements OfferedCall {

        private final OfferedCall call;
        private final Supplier<Telephony> network;

        Answered(OfferedCall call, Supplier<Telephony> network) {
            this.call = call;
            this.network = network;
        }

        @Override
        public void answer(CallConnectionId connection, LegId leg) {
            Telephony carrier = network.get();
            if (carrier != null) { // null only while the network is still being started: its calls are not routed
                carriers.put(leg, carrier);
            }
            call.answer(connection, leg);
        }

        @Override
        public void reject(RejectReason reason) {
            call.reject(reason);
        }

        @Override
        public CompletionStage<Void> redirect(CommunicationIdentifier target) {
            return call.redirect(target);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Answered answered && answered.call.equals(call);
        }

        @Override
        public int hashCode() {
            return call.hashCode();
        }
    }

    @Override
    public boolean canReach(CommunicationIdentifier target) {
        return networks.stream().anyMatch(n -> n.canReach(target));
    }

    @Override
    public void dial(DialRequest request) {
        Telephony network = networks.stream().filter(n -> n.canReach(request.target())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no network reaches " + request.target().rawId()));
        carriers.put(request.leg(), network);
        network.dial(request);
    }

    @Override
    public void hangUp(LegId leg) {
        carrier(leg).ifPresent(n -> n.hangUp(leg));
    }

    /** Each network gets the request for the legs it carries, if any. */
    @Override
    public void play(PlaybackRequest request) {
        Map<Telephony, List<LegId>> byNetwork = request.legs().stream().filter(carriers::containsKey)
                .collect(Collectors.groupingBy(carriers::get));
        if (byNetwork.isEmpty()) {
            return;
        }
        playbacks.put(new Playback(request.call(), request.operation()), Set.copyOf(byNetwork.keySet()));
        byNetwork.forEach((network, legs) -> network.play(new PlaybackRequest(request.call(), request.operation(),
                legs, request.clip(), request.loop())));
    }

    @Override
    public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        Set<Telephony> playing = playbacks.remove(new Playback(call, operation));
        if (playing != null) {
            playing.forEach(n -> n.stopPlayback(call, operation));
        }
    }

    @Override
    public boolean records(List<LegId> legs) {
        return recorder(legs).map(network -> network.records(legs)).orElse(false);
    }

    /** The network carrying the call's legs records it (the first leg that has a carrier decides). */
    @Override
    public CompletionStage<RecordedFile> record(RecordingRequest request) {
        Optional<Telephony> network = recorder(request.legs());
        if (network.isEmpty()) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "no network carries a leg of call " + request.call()));
        }
        recordings.put(request.recording(), network.get());
        return network.get().record(request).whenComplete((file, error) -> recordings.remove(request.recording()));
    }

    @Override
    public void pauseRecording(CallConnectionId call, RecordingId recording, boolean paused) {
        Optional.ofNullable(recordings.get(recording)).ifPresent(n -> n.pauseRecording(call, recording, paused));
    }

    @Override
    public void stopRecording(CallConnectionId call, RecordingId recording) {
        Optional.ofNullable(recordings.get(recording)).ifPresent(n -> n.stopRecording(call, recording));
    }

    @Override
    public void setMuted(LegId leg, boolean muted) {
        carrier(leg).ifPresent(n -> n.setMuted(leg, muted));
    }

    @Override
    public void setHeld(LegId leg, boolean held) {
        carrier(leg).ifPresent(n -> n.setHeld(leg, held));
    }

    @Override
    public CompletionStage<Void> sendTones(CallConnectionId call, LegId leg, List<Tone> tones) {
        return carrier(leg).map(n -> n.sendTones(call, leg, tones)).orElseGet(() -> notCarried(leg));
    }

    /** A leg handed over is no longer reported on: its carrier is forgotten. */
    @Override
    public CompletionStage<Void> transfer(CallConnectionId call, LegId leg, CommunicationIdentifier target) {
        return carrier(leg).map(n -> n.transfer(call, leg, target).thenRun(() -> carriers.remove(leg)))
                .orElseGet(() -> notCarried(leg));
    }

    /** A leg moves within its own network only: into a call whose legs it carries, or that has none. */
    @Override
    public boolean canMove(LegId leg, List<LegId> into) {
        Optional<Telephony> network = carrier(leg);
        return network.isPresent() && into.stream().map(carriers::get).filter(Objects::nonNull)
                .allMatch(network.get()::equals) && network.get().canMove(leg, into);
    }

    @Override
    public void moveLeg(LegId leg, CallConnectionId to) {
        carrier(leg).ifPresent(n -> n.moveLeg(leg, to));
    }

    /** The network carrying the leg listens to it. */
    @Override
    public void listen(CallConnectionId call, MediaOperationId operation, LegId leg, AudioSink sink) {
        Telephony network = carrier(leg).orElseThrow(() ->
                new UnsupportedOperationException("no network carries leg " + leg));
        listeners.computeIfAbsent(operation, o -> ConcurrentHashMap.newKeySet()).add(network);
        network.listen(call, operation, leg, sink);
    }

    @Override
    public void stopListening(CallConnectionId call, MediaOperationId operation) {
        Optional.ofNullable(listeners.remove(operation)).ifPresent(all -> all.forEach(n ->
                n.stopListening(call, operation)));
    }

    /** The network carrying the leg plays the feed into it; legs no network carries are ignored. */
    @Override
    public void feed(CallConnectionId call, MediaOperationId operation, LegId leg, AudioFeed feed) {
        carrier(leg).ifPresent(network -> {
            feeds.computeIfAbsent(operation, o -> ConcurrentHashMap.newKeySet()).add(network);
            network.feed(call, operation, leg, feed);
        });
    }

    @Override
    public void stopFeeding(CallConnectionId call, MediaOperationId operation) {
        Optional.ofNullable(feeds.remove(operation)).ifPresent(all -> all.forEach(n ->
                n.stopFeeding(call, operation)));
    }

    private Optional<Telephony> recorder(List<LegId> legs) {
        return legs.stream().map(this::carrier).flatMap(Optional::stream).findFirst();
    }

    private Optional<Telephony> carrier(LegId leg) {
        return Optional.ofNullable(carriers.get(leg));
    }

    private static CompletionStage<Void> notCarried(LegId leg) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no network carries leg " + leg));
    }
}
