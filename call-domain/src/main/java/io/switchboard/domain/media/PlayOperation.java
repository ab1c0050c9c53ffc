package io.switchboard.domain.media;

import io.switchboard.domain.call.ResultInformation;

import java.util.Objects;
import java.util.Optional;

/**
 * A play request of a call and where it stands.
 *
 * @param result present once the operation has ended
 */
public record PlayOperation(MediaOperationId id, PlaySource source, boolean loop, Optional<String> operationContext,
                            OperationStatus status, Optional<ResultInformation> result) {

    public PlayOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
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
        return new PlayOperation(id, source, loop, operationContext, OperationStatus.RUNNING, Optional.empty());
    }

    public PlayOperation ended(OperationStatus next, ResultInformation outcome) {
        return new PlayOperation(id, source, loop, operationContext, next, Optional.of(outcome));
    }

    public boolean isActive() {
        return status == OperationStatus.NOT_STARTED || status == OperationStatus.RUNNING;
    }
}
