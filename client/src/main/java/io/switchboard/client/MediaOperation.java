package io.switchboard.client;

import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;

import java.util.Objects;
import java.util.Optional;

/**
 * A media operation as the service reported it when it accepted the request; its outcome follows as a callback
 * event ({@code PlayAudioResult}).
 */
public record MediaOperation(MediaOperationId id, OperationStatus status, Optional<String> operationContext,
                             ResultInformation result) {

    public MediaOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(result, "result");
    }
}
