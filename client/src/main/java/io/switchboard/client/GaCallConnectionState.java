package io.switchboard.client;

/**
 * A call connection's state as the GA API reports it ({@code callConnectionState}). {@link #UNKNOWN} also stands
 * for any value a newer service may add.
 */
public enum GaCallConnectionState {
    UNKNOWN,
    CONNECTING,
    CONNECTED,
    TRANSFERRING,
    TRANSFER_ACCEPTED,
    DISCONNECTING,
    DISCONNECTED
}
