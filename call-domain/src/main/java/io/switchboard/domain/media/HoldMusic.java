package io.switchboard.domain.media;

import io.switchboard.domain.call.LegId;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Music played, looped, to a held participant's leg while it is on hold.
 *
 * @param operationContext     the hold request's context, for the {@code HoldFailed} its music may cause
 * @param operationCallbackUri where that event goes instead of the call's callback, if the request said
 */
public record HoldMusic(MediaOperationId id, LegId leg, Optional<String> operationContext,
                        Optional<URI> operationCallbackUri) {

    public HoldMusic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
