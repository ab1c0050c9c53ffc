package io.switchboard.domain.recording;

/** Whether a recording is writing (active) or paused (inactive), as ACS reports it. */
public enum RecordingState {
    ACTIVE,
    INACTIVE
}
