package io.switchboard.domain.media;

import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;

import java.util.Objects;
import java.util.Optional;

/**
 * A play request of a call and where it stands.
 *
 * @param result               present once the operation has ended
 * @param operationCallback    where this play's events go: the connection it was asked through, and the request's
 *                             {@code operationCallbackUri}
 */
public record PlayOperation(MediaOperationId id, PlaySource source, boolean loop, Optional<String> operationContext,
                            OperationStatus status, Optional<ResultInformation> result,
                            OperationCallback operationCallback) {

    public PlayOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(operationCallback, "operationCallback");
    }

    /** A play whose events go to the call's callback. */
    public PlayOperation(MediaOperationId id, PlaySource source, boolean loop, Optional<String> operationContext,
                         OperationStatus status, Optional<ResultInformation> result) {
        this(id, source, loop, operationContext, status, result, OperationCallback.OWN);
    }

    /** How a play ended, as telephony or the media fetcher reports it. */
    public record Outcome(MediaOperationId operationId, OperationStatus status, ResultInformation result) {

        public static Outcome completed(MediaOperationId id) {
            return new Outcome(id, OperationStatus.COMPLETED, ResultInformation.PLAY_COMPLETED);
        }

        public static Outcome failed(MediaOperationId id, ResultInformation why) {
            return new Outcome(id, OperationStatus.FAILED, why);
        }
    }

    public static PlayOperation requested(MediaOperationId id, PlaySource source, boolean loop,
                                          Optional<String> operationContext) {
        return requested(id, source, loop, operationContext, OperationCallback.OWN);
    }

    public static PlayOperation requested(MediaOperationId id, PlaySource source, boolean loop,
                                          Optional<String> operationContext, OperationCallback operationCallback) {
        return new PlayOperation(id, source, loop, operationContext, OperationStatus.RUNNING, Optional.empty(),
                operationCallback);
    }

    public PlayOperation ended(OperationStatus next, ResultInformation outcome) {
        return new PlayOperation(id, source, loop, operationContext, next, Optional.of(outcome), operationCallback);
    }

    public boolean isActive() {
        return status == OperationStatus.NOT_STARTED || status == OperationStatus.RUNNING;
    }
}
