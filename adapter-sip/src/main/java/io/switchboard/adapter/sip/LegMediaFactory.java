package io.switchboard.adapter.sip;

import java.io.IOException;

/** Opens the RTP stream of a new leg and the mixes of calls with several legs. Thread-safe. */
interface LegMediaFactory {

    /**
     * Binds a local RTP port.
     *
     * @param listener called on a media thread: must not block
     * @throws IOException when no port is free
     */
    LegMedia open(LegMediaListener listener) throws IOException;

    /**
     * Opens an empty mix for a call whose second leg was answered.
     *
     * @throws IllegalStateException if the media is shutting down
     */
    CallMix openMix();
}
