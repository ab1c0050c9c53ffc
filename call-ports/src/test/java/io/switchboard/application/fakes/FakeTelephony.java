package io.switchboard.application.fakes;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the core asks of the network; reaches every target but unknown identifiers. */
public final class FakeTelephony implements Telephony {

    private final List<DialRequest> dialled = new CopyOnWriteArrayList<>();
    private final List<LegId> hungUp = new CopyOnWriteArrayList<>();
    private final List<PlaybackRequest> played = new CopyOnWriteArrayList<>();
    private final List<MediaOperationId> stopped = new CopyOnWriteArrayList<>();

    @Override
    public boolean canReach(CommunicationIdentifier target) {
        return !(target instanceof UnknownIdentifier);
    }

    @Override
    public void dial(DialRequest request) {
        dialled.add(request);
    }

    @Override
    public void hangUp(LegId leg) {
        hungUp.add(leg);
    }

    @Override
    public void play(PlaybackRequest request) {
        played.add(request);
    }

    @Override
    public void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        stopped.add(operation);
    }

    public List<DialRequest> dialled() {
        return List.copyOf(dialled);
    }

    public List<LegId> hungUp() {
        return List.copyOf(hungUp);
    }

    public List<PlaybackRequest> played() {
        return List.copyOf(played);
    }

    public List<MediaOperationId> stopped() {
        return List.copyOf(stopped);
    }

    /** Forgets what was asked so far. */
    public void clear() {
        dialled.clear();
        hungUp.clear();
        played.clear();
        stopped.clear();
    }
}
