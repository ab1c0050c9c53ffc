package io.switchboard.domain.call;

import java.util.Set;

/**
 * The state of a call connection, with its transition table: connecting → connected → disconnecting → disconnected;
 * a call that never connects goes from connecting (or disconnecting) straight to disconnected.
 */
public enum CallState {
    CONNECTING,
    CONNECTED,
    DISCONNECTING,
    DISCONNECTED;

    private Set<CallState> next() {
        return switch (this) {
            case CONNECTING -> Set.of(CONNECTED, DISCONNECTING, DISCONNECTED);
            case CONNECTED -> Set.of(DISCONNECTING, DISCONNECTED);
            case DISCONNECTING -> Set.of(DISCONNECTED);
            case DISCONNECTED -> Set.of();
        };
    }

    public boolean canMoveTo(CallState target) {
        return next().contains(target);
    }

    public boolean isEnded() {
        return this == DISCONNECTED;
    }
}
