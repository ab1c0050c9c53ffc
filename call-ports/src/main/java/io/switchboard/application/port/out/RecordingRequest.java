package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Record a call into a new WAV file.
 *
 * @param legs         the call's legs now: the network carrying them records (it also records those answered later)
 * @param channelOrder unmixed: the legs to put on channels 0, 1, …; the others take the next free channel on answer
 * @param paused       whether nothing is written until resumed
 * @param file         the file to create (it must not exist)
 */
public record RecordingRequest(CallConnectionId call, RecordingId recording, RecordingChannels channels,
                               List<LegId> legs, List<LegId> channelOrder, boolean paused, Path file) {

    public RecordingRequest {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(channels, "channels");
        legs = List.copyOf(legs);
        channelOrder = List.copyOf(channelOrder);
        Objects.requireNonNull(file, "file");
    }
}
