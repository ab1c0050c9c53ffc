package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A completed recording kept for download: what ACS calls a recording chunk (Switchboard writes one per recording)
 * with its metadata.
 *
 * @param documentId   the id its content, metadata and delete locations are named by
 * @param startedAt    when the recording started
 * @param length       how long its audio plays
 * @param endReason    why it ended: {@code SessionEnded} (the call ended) or {@code RecordingStopped}
 * @param participants who is on which channel
 */
public record RecordingDocument(String documentId, RecordingId recording, CallConnectionId call, String serverCallId,
                                RecordingChannels channelType, int channels, Instant startedAt, Duration length,
                                long bytes, String endReason, List<ChannelParticipant> participants) {

    /** A participant of the recording and its channel. */
    public record ChannelParticipant(String rawId, int channel) {

        public ChannelParticipant {
            Objects.requireNonNull(rawId, "rawId");
        }
    }

    public RecordingDocument {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(serverCallId, "serverCallId");
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(endReason, "endReason");
        participants = List.copyOf(participants);
    }
}
