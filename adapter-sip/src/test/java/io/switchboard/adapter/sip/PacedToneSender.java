package io.switchboard.adapter.sip;

import java.net.InetSocketAddress;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a sine tone (or silence, at 0 Hz) from a test peer as PCMU, one 20 ms packet on each absolute 20 ms deadline
 * as a phone does, on its own daemon thread, until closed. The frequency may change while it runs.
 */
final class PacedToneSender implements AutoCloseable {

    private static final long PACKET_NANOS = 20_000_000;
    private static final double AMPLITUDE = 6000;

    private final RtpPeer peer;
    private final InetSocketAddress to;
    private final Thread thread;
    private volatile double hz;
    private volatile boolean running = true;

    private PacedToneSender(RtpPeer peer, InetSocketAddress to, double hz) {
        this.peer = peer;
        this.to = to;
        this.hz = hz;
        this.thread = new Thread(this::run, "paced-tone-" + peer.port());
        thread.setDaemon(true);
    }

    /** Starts sending {@code hz} (0: silence) from {@code peer} to {@code to}. */
    static PacedToneSender start(RtpPeer peer, InetSocketAddress to, double hz) {
        PacedToneSender sender = new PacedToneSender(peer, to, hz);
        sender.thread.start();
        return sender;
    }

    void frequency(double next) {
        hz = next;
    }

    private void run() {
        byte[] payload = new byte[160];
        long sample = 0;
        int seq = 1;
        long next = System.nanoTime();
        while (running) {
            double f = hz;
            for (int i = 0; i < payload.length; i++, sample++) {
                double v = f == 0 ? 0 : AMPLITUDE * Math.sin(2 * Math.PI * f * sample / 8000 + Math.PI / 4);
                payload[i] = PcmuReference.encode((short) Math.round(v));
            }
            try {
                peer.sendPcmu(to, seq++ & 0xffff, sample - payload.length, payload);
            } catch (Exception e) {
                return; // the socket closed: the test is over
            }
            next += PACKET_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(1000);
    }
}
