package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.out.AudioSink;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Speech;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The voices of the sandbox phones that speak: when a recognition listens to one, it says its phrase (synthesized by
 * the server's own speech engine) a moment later, in real time, with a little silence before and after, as a caller
 * would. Not thread-safe: runs on the sandbox's context, like {@link SandboxNetwork}.
 */
final class SandboxVoices {

    private static final System.Logger LOG = System.getLogger(SandboxVoices.class.getName());
    private static final int FRAME = 160;
    private static final int FRAMES_PER_TICK = 5;
    private static final long TICK_MILLIS = 20L * FRAMES_PER_TICK;
    private static final int LEAD_SAMPLES = 2400; // 300 ms
    private static final int TAIL_SAMPLES = 12000; // 1.5 s: more than any end silence a recognition waits for

    private final Vertx vertx;
    private final Optional<SpeechSynthesizer> synthesizer;
    private final Duration delay;
    /** The feeding timer of each listening operation (-1 while its speech is synthesized). */
    private final Map<MediaOperationId, Long> speaking = new HashMap<>();

    SandboxVoices(Vertx vertx, Optional<SpeechSynthesizer> synthesizer, Duration delay) {
        this.vertx = vertx;
        this.synthesizer = synthesizer;
        this.delay = delay;
    }

    /** {@code leg} says {@code phrase} to {@code sink}, after the phone's reaction delay. */
    void speak(SandboxLeg leg, MediaOperationId operation, String phrase, AudioSink sink) {
        if (synthesizer.isEmpty()) {
            LOG.log(Level.WARNING, "call {0} leg {1}: no speech engine, the phone stays silent", leg.call(), leg.id());
            return;
        }
        Context context = vertx.getOrCreateContext();
        speaking.put(operation, -1L);
        synthesizer.get().synthesize(new Speech(List.of(new Speech.Words(phrase, 1, 1, 1)), Optional.empty(),
                Optional.empty()), "sandbox:" + phrase).whenComplete((clip, error) -> context.runOnContext(v -> {
                    if (error != null) {
                        LOG.log(Level.WARNING, "call {0} leg {1}: the phone could not speak: {2}", leg.call(),
                                leg.id(), error.getMessage());
                        speaking.remove(operation);
                    } else if (speaking.containsKey(operation)) {
                        feed(leg, operation, said(clip.samples()), sink);
                    }
                }));
    }

    /** Stops speaking for {@code operation}, if it still does. */
    void stop(MediaOperationId operation) {
        Long timer = speaking.remove(operation);
        if (timer != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void feed(SandboxLeg leg, MediaOperationId operation, short[] audio, AudioSink sink) {
        short[] frame = new short[FRAME];
        int[] at = {0};
        long timer = vertx.setPeriodic(Math.max(1, delay.toMillis()), TICK_MILLIS, id -> {
            for (int f = 0; f < FRAMES_PER_TICK && at[0] < audio.length && leg.isAnswered(); f++) {
                System.arraycopy(audio, at[0], frame, 0, FRAME);
                at[0] += FRAME;
                sink.frame(frame);
            }
            if (at[0] >= audio.length || !leg.isAnswered()) {
                stop(operation);
            }
        });
        speaking.put(operation, timer);
        LOG.log(Level.DEBUG, "call {0} leg {1} speaks", leg.call(), leg.id());
    }

    /** The phrase with silence before and after, in whole frames. */
    private static short[] said(short[] speech) {
        int length = LEAD_SAMPLES + speech.length + TAIL_SAMPLES;
        short[] audio = new short[(length + FRAME - 1) / FRAME * FRAME];
        System.arraycopy(speech, 0, audio, LEAD_SAMPLES, speech.length);
        return audio;
    }
}
