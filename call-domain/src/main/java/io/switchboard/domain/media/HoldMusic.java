package io.switchboard.domain.media;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;

import java.util.Objects;
import java.util.Optional;

/**
 * Music played, looped, to a held participant's leg while it is on hold.
 *
 * @param operationContext     the hold request's context, for the {@code HoldFailed} its music may cause
 * @param operationCallback    where that event goes: the connection the hold was asked through, and the request's
 *                             {@code operationCallbackUri}
 */
public record HoldMusic(MediaOperationId id, LegId leg, Optional<String> operationContext,
                        OperationCallback operationCallback) {

    public HoldMusic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallback, "operationCallback");
    }
}
