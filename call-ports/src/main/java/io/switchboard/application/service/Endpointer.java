package io.switchboard.application.service;

import io.switchboard.domain.media.SpeechOptions;

import java.util.Arrays;

/**
 * Finds one utterance in a leg's audio, frame by frame: speech starts after {@value #START_FRAMES} frames in a row
 * well above the noise floor, and is over once the end silence has lasted ({@link SpeechOptions#endSilence()}) or it
 * has gone on for {@link #MAX_SPEECH_FRAMES} frames. The utterance keeps {@value #LEAD_FRAMES} frames from before
 * the start (recognizers need silence ahead of the words) and the end silence after it. An energy detector: cheap
 * enough to run on every frame of every recognition, and no judge of what the sound means; the recognizer is.
 *
 * <p>Not thread-safe: fed by one thread at a time.
 */
final class Endpointer {

    /** What a frame changed. */
    enum Step { NOTHING, STARTED, ENDED }

    static final int FRAME = 160;
    /** 100 ms of loud frames make speech: a click or a pop is shorter. */
    static final int START_FRAMES = 5;
    /** 500 ms kept from before speech started. */
    static final int LEAD_FRAMES = 25;
    /** 20 s: an utterance longer than that is cut and recognized as it is. */
    static final int MAX_SPEECH_FRAMES = 1000;
    /** Speech is this much above the noise floor (dB)… */
    private static final double ABOVE_FLOOR_DB = 12;
    /** …and at least this loud (dBFS): a quiet line's hiss is not speech. */
    private static final double MIN_SPEECH_DBFS = -45;
    private static final double START_FLOOR_DBFS = -60;

    private final int endFrames;
    private final short[] lead = new short[LEAD_FRAMES * FRAME];
    private int leadFrames; // frames in the lead ring
    private int leadNext;
    private short[] speech = new short[50 * FRAME];
    private int speechSamples;
    private double floor = START_FLOOR_DBFS;
    private int loudRun;
    private int quietRun;
    private boolean started;
    private boolean ended;

    Endpointer(SpeechOptions options) {
        this.endFrames = (int) Math.max(1, options.endSilence().toMillis() / 20);
    }

    /** The next frame (160 samples); once it has {@link Step#ENDED}, further frames change nothing. */
    Step accept(short[] frame) {
        if (ended) {
            return Step.NOTHING;
        }
        double level = level(frame);
        boolean loud = level > Math.max(floor + ABOVE_FLOOR_DB, MIN_SPEECH_DBFS);
        if (!started) {
            floor = loud ? floor : level < floor ? level : floor * 0.98 + level * 0.02;
            keepLead(frame);
            loudRun = loud ? loudRun + 1 : 0;
            if (loudRun < START_FRAMES) {
                return Step.NOTHING;
            }
            started = true;
            appendLead();
            return Step.STARTED;
        }
        append(frame);
        quietRun = loud ? 0 : quietRun + 1;
        if (quietRun >= endFrames || speechSamples >= (LEAD_FRAMES + MAX_SPEECH_FRAMES) * FRAME) {
            ended = true;
            return Step.ENDED;
        }
        return Step.NOTHING;
    }

    /** How long the utterance ends in silence (the end silence waited for; none when cut at the longest). */
    long trailingSilenceMillis() {
        return quietRun * 20L;
    }

    /** Whether speech has started. */
    boolean started() {
        return started;
    }

    /** The utterance, once {@link Step#ENDED}: the lead, the speech and the end silence. */
    short[] utterance() {
        return Arrays.copyOf(speech, speechSamples);
    }

    /** The level of a frame in dBFS (-96 for digital silence). */
    static double level(short[] frame) {
        double sum = 0;
        for (int i = 0; i < FRAME; i++) {
            sum += (double) frame[i] * frame[i];
        }
        double meanSquare = sum / FRAME / (32768.0 * 32768.0);
        return meanSquare <= 1e-10 ? -96 : 10 * Math.log10(meanSquare);
    }

    private void keepLead(short[] frame) {
        System.arraycopy(frame, 0, lead, leadNext * FRAME, FRAME);
        leadNext = (leadNext + 1) % LEAD_FRAMES;
        leadFrames = Math.min(LEAD_FRAMES, leadFrames + 1);
    }

    /** The lead ring, oldest first, becomes the start of the utterance (it ends with the frames that started it). */
    private void appendLead() {
        int oldest = (leadNext - leadFrames + LEAD_FRAMES) % LEAD_FRAMES;
        for (int i = 0; i < leadFrames; i++) {
            int slot = (oldest + i) % LEAD_FRAMES;
            appendSamples(lead, slot * FRAME);
        }
    }

    private void append(short[] frame) {
        appendSamples(frame, 0);
    }

    private void appendSamples(short[] from, int offset) {
        if (speechSamples + FRAME > speech.length) {
            speech = Arrays.copyOf(speech, speech.length * 2);
        }
        System.arraycopy(from, offset, speech, speechSamples, FRAME);
        speechSamples += FRAME;
    }
}
