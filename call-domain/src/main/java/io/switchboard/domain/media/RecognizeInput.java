package io.switchboard.domain.media;

/** What a recognition waits for (ACS {@code recognizeInputType}). */
public enum RecognizeInput {
    /** Keys pressed, collected up to a maximum or a stop key. */
    DTMF,
    /** One of a list of choices, said by one of its phrases or chosen by its key. */
    CHOICES,
    /** Free speech: what the participant says, transcribed. */
    SPEECH,
    /** Free speech, or keys pressed: whichever comes first. */
    SPEECH_OR_DTMF;

    /** Whether speech is listened for. */
    public boolean listens() {
        return this != DTMF;
    }

    /** Whether keys count. */
    public boolean takesTones() {
        return this != SPEECH;
    }
}
