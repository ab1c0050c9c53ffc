package io.switchboard.domain.recording;

/**
 * How a recording lays out its audio: everyone and every prompt in one mono track, or one channel per participant
 * ({@value #PARTICIPANT_CHANNELS} at most, in join order or the order the application gave) followed by one channel
 * for what the application plays.
 */
public enum RecordingChannels {
    MIXED,
    UNMIXED;

    /** Participants an unmixed recording gives a channel of their own, as ACS's unmixed audio does. */
    public static final int PARTICIPANT_CHANNELS = 4;

    /** The channels of the file. */
    public int count() {
        return this == MIXED ? 1 : PARTICIPANT_CHANNELS + 1;
    }
}
