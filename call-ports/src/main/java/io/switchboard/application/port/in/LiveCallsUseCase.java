package io.switchboard.application.port.in;

import io.switchboard.domain.connection.Call;

import java.util.List;

/** The calls not ended, for an operator's view. */
public interface LiveCallsUseCase {

    /** The calls not ended as they stand now, newest first; each an immutable snapshot. Never blocks. */
    List<Call> liveCalls();
}
