package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.rtp.MediaEngine;
import io.switchboard.rtp.MediaListener;
import io.switchboard.rtp.MediaSession;

import java.io.IOException;
import java.util.Optional;

/**
 * Opens each leg's session of the media engine, and hops what the engine reports about it (from a pacer thread)
 * onto the signalling thread. {@link #open} runs on the signalling thread.
 */
final class MediaEvents {

    private final MediaEngine engine;
    private final SignallingThread thread;
    private final LegTable legs;
    private final Playbacks playbacks;
    private final LegSignals signals;
    private final HandleTelephonyEventUseCase events;

    MediaEvents(MediaEngine engine, SignallingThread thread, LegTable legs, Playbacks playbacks,
                LegSignals signals, HandleTelephonyEventUseCase events) {
        this.engine = engine;
        this.thread = thread;
        this.legs = legs;
        this.playbacks = playbacks;
        this.signals = signals;
        this.events = events;
    }

    /** The leg's media, or empty after reporting the leg ended when no RTP port could be opened. */
    Optional<MediaSession> open(CallConnectionId call, LegId leg) {
        try {
            return Optional.of(openOrThrow(leg));
        } catch (IllegalStateException e) {
            legs.failed(call, leg, ResultInformation.unavailable(e.getMessage()));
            return Optional.empty();
        }
    }

    /** Opens a leg's media; leaves the report of a failure to the caller. */
    MediaSession openOrThrow(LegId leg) {
        try {
            return engine.open(listener(leg));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No RTP port: " + e.getMessage(), e);
        }
    }

    private MediaListener listener(LegId id) {
        return new MediaListener() {
            @Override
            public void playbackFinished(MediaOperationId playbackId) {
                thread.execute("playback finished on " + id, () -> playbacks.finished(playbackId, id));
            }

            @Override
            public void toneReceived(Tone tone) {
                thread.execute("tone on " + id, () -> legs.find(id).filter(leg -> leg.state == LegState.ANSWERED)
                        .ifPresent(leg -> events.toneReceived(id, tone)));
            }

            @Override
            public void mediaTimeout() {
                thread.execute("media timeout on " + id,
                        () -> legs.find(id).ifPresent(leg -> signals.apply(leg, new LegState.Lost("media timeout"))));
            }
        };
    }
}
