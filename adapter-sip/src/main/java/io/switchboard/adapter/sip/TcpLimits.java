package io.switchboard.adapter.sip;

import java.time.Duration;

/**
 * How much SIP over TCP one remote party may hold.
 *
 * @param perAddress connections accepted from one remote address at once; a connection beyond is closed as soon as
 *                   it is accepted, before anything reads from it
 * @param idle       a connection (accepted or opened by the server) on which nothing arrives for this long is closed;
 *                   the peer opens a new one when it next sends (RFC 3261 §18)
 */
public record TcpLimits(int perAddress, Duration idle) {

    public static final String PER_ADDRESS = "SWITCHBOARD_SIP_TCP_PER_ADDRESS";
    public static final String IDLE = "SWITCHBOARD_SIP_TCP_IDLE_SECONDS";
    /** Accepted connections at once over all addresses: beyond, a connection is closed as soon as it is accepted. */
    public static final int MAX_CONNECTIONS = 256;

    public TcpLimits {
        if (perAddress < 1 || perAddress > MAX_CONNECTIONS) {
            throw new IllegalArgumentException(PER_ADDRESS + ": " + perAddress + " (expected: 1-" + MAX_CONNECTIONS
                    + ", e.g. 32)");
        }
        if (idle == null || idle.toMillis() < 1 || idle.toSeconds() > 86_400) {
            throw new IllegalArgumentException(IDLE + ": " + (idle == null ? null : idle.toSeconds())
                    + " (expected: a whole number of seconds in 1-86400, e.g. 120)");
        }
    }

    /** 32 connections per address, closed after 120 s without a byte (Kamailio's default connection lifetime). */
    public static TcpLimits defaults() {
        return new TcpLimits(32, Duration.ofSeconds(120));
    }
}
