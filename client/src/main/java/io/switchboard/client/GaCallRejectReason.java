package io.switchboard.client;

/** Why the application refuses an incoming call ({@code callRejectReason}); on SIP: 603, 486, 403. */
public enum GaCallRejectReason {
    NONE("none"),
    BUSY("busy"),
    FORBIDDEN("forbidden");

    private final String wire;

    GaCallRejectReason(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
