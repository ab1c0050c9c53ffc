package io.switchboard.rtp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;

/**
 * Hands out the even UDP ports of a range as bound, non-blocking channels. Ports are tried round-robin from after
 * the last one handed out, so a port just released is not reused at once (late packets of the previous call would
 * reach the next one). Ports taken by other processes are skipped.
 *
 * <p>Thread-safe.
 */
final class PortRange {

    private final String host;
    private final int min;
    private final int max;
    private final int count;
    private final BitSet inUse;
    private int cursor;

    PortRange(String host, int min, int max) {
        this.host = host;
        this.min = min;
        this.max = max;
        this.count = (max - min) / 2 + 1;
        this.inUse = new BitSet(count);
    }

    /**
     * Binds a channel to the next free even port.
     *
     * @throws IOException if every port of the range is in use, or the channel cannot be opened
     */
    synchronized DatagramChannel bind() throws IOException {
        for (int i = 0; i < count; i++) {
            int index = (cursor + i) % count;
            if (inUse.get(index)) {
                continue;
            }
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.bind(new InetSocketAddress(host, min + 2 * index));
                channel.configureBlocking(false);
            } catch (BindException taken) {
                channel.close();
                continue;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            inUse.set(index);
            cursor = (index + 1) % count;
            return channel;
        }
        throw new IOException("RTP port range exhausted: no free even port in " + host + ":" + min + "-" + max
                + " (" + count + " ports, " + inUse.cardinality() + " held by this engine)");
    }

    synchronized void release(int port) {
        inUse.clear((port - min) / 2);
    }

    synchronized int inUse() {
        return inUse.cardinality();
    }
}
