package io.switchboard.application.port.out;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;

import java.util.List;
import java.util.Objects;

/** Audio to play into some legs of a call. */
public record PlaybackRequest(CallConnectionId call, MediaOperationId operation, List<LegId> legs, AudioClip clip,
                              boolean loop) {

    public PlaybackRequest {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(clip, "clip");
        legs = List.copyOf(legs);
    }
}
