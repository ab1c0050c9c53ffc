package io.switchboard.adapter.sip;

import java.io.IOException;

/** Opens the RTP stream of a new leg. Thread-safe. */
@FunctionalInterface
interface LegMediaFactory {

    /**
     * Binds a local RTP port.
     *
     * @param listener called on a media thread: must not block
     * @throws IOException when no port is free
     */
    LegMedia open(LegMediaListener listener) throws IOException;
}
