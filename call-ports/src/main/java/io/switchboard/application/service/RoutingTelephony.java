package io.switchboard.application.service;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import io.switchboard.domain.media.Tone;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Several phone networks behind one {@link Telephony}: a leg is dialled on the first network registered that can
 * reach its target; everything else goes to every network, each of which ignores legs and playbacks it does not
 * own (as the port's contract says), so no routing table needs keeping.
 */
public final class RoutingTelephony implements Telephony {

    private final List<Telephony> networks = new CopyOnWriteArrayList<>();

    /** Adds a network; earlier ones win when several can reach a target. */
    public void register(Telephony network) {
        networks.add(network);
    }

    @Override
    public boolean canReach(CommunicationIdentifier target) {
        return networks.stream().anyMatch(n -> n.canReach(target));
    }

    @Override
    public void dial(DialRequest request) {
        networks.stream().filter(n -> n.canReach(request.target())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no network reaches " + request.target().rawId()))
                .dial(request);
    }

    @Override
    public void hangUp(LegId leg) {
        networks.forEach(n -> n.hangUp(leg));
    }

    @Override
    public void play(PlaybackRequest request) {
        networks.forEach(n -> n.play(request));
    }

    @Override
    public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        networks.forEach(n -> n.stopPlayback(call, operation));
    }

    /** Sent by the first network that accepts the leg: each fails for legs it does not own. */
    @Override
    public void setMuted(LegId leg, boolean muted) {
        networks.forEach(n -> n.setMuted(leg, muted));
    }

    @Override
    public CompletionStage<Void> sendTones(CallConnectionId call, LegId leg, List<Tone> tones) {
        return firstSuccess(n -> n.sendTones(call, leg, tones));
    }

    /** Done by the first network that accepts the leg: each fails for legs it does not own. */
    @Override
    public CompletionStage<Void> transfer(CallConnectionId call, LegId leg, CommunicationIdentifier target) {
        return firstSuccess(n -> n.transfer(call, leg, target));
    }

    private CompletionStage<Void> firstSuccess(Function<Telephony, CompletionStage<Void>> action) {
        CompletionStage<Void> result = CompletableFuture.failedFuture(
                new UnsupportedOperationException("no network owns the leg"));
        for (Telephony network : networks) {
            result = result.exceptionallyCompose(ignored -> {
                try {
                    return action.apply(network);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
        }
        return result;
    }
}
