package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Tone;

import java.io.IOException;
import java.util.Optional;

/**
 * Opens each leg's RTP stream and hops what the media engine reports about it onto the signalling thread.
 * {@link #open} runs on the signalling thread.
 */
final class MediaEvents {

    private final LegMediaFactory factory;
    private final SignallingThread thread;
    private final LegTable legs;
    private final Playbacks playbacks;
    private final LegSignals signals;
    private final HandleTelephonyEventUseCase events;

    MediaEvents(LegMediaFactory factory, SignallingThread thread, LegTable legs, Playbacks playbacks,
                LegSignals signals, HandleTelephonyEventUseCase events) {
        this.factory = factory;
        this.thread = thread;
        this.legs = legs;
        this.playbacks = playbacks;
        this.signals = signals;
        this.events = events;
    }

    /** The leg's media, or empty after reporting the leg ended when no RTP port could be opened. */
    Optional<LegMedia> open(CallConnectionId call, LegId leg) {
        try {
            return Optional.of(factory.open(listener(leg)));
        } catch (IOException | RuntimeException e) {
            legs.failed(call, leg, ResultInformation.unavailable("No RTP port: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private LegMediaListener listener(LegId id) {
        return new LegMediaListener() {
            @Override
            public void playbackFinished(Object playbackId) {
                thread.execute("playback finished on " + id, () -> playbacks.finished(playbackId, id));
            }

            @Override
            public void toneReceived(Tone tone) {
                thread.execute("tone on " + id, () -> legs.find(id).filter(leg -> leg.state == LegState.ANSWERED)
                        .ifPresent(leg -> events.toneReceived(id, tone)));
            }

            @Override
            public void mediaTimeout() {
                thread.execute("media timeout on " + id, () -> {
                    legs.find(id).ifPresent(leg -> signals.apply(leg, new LegState.MediaTimeout()));
                });
            }
        };
    }
}
