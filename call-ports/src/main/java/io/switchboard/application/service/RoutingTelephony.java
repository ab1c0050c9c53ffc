package io.switchboard.application.service;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.List;
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
}
