package io.switchboard.adapter.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The test UA's RTP socket on 127.0.0.1: receives what Switchboard sends, sends RFC 4733 digits. */
final class RtpPeer implements AutoCloseable {

    /** A received RTP packet, header fields decoded (RFC 3550 §5.1). */
    record Packet(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
    }

    private final DatagramSocket socket;

    private RtpPeer(DatagramSocket socket) {
        this.socket = socket;
    }

    static RtpPeer open() throws IOException {
        return new RtpPeer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The first packet to arrive within {@code within}; fails if none does. */
    Packet awaitPacket(Duration within) throws IOException {
        List<Packet> first = receiveUntilQuiet(within, Duration.ofMillis(1), 1);
        if (first.isEmpty()) {
            throw new AssertionError("no RTP at port " + port() + " within " + within);
        }
        return first.get(0);
    }

    /** Packets received until {@code quiet} passes without one, or {@code max} arrived (the engine never pauses). */
    List<Packet> receiveUntilQuiet(Duration first, Duration quiet, int max) throws IOException {
        List<Packet> packets = new ArrayList<>();
        byte[] buffer = new byte[2048];
        socket.setSoTimeout((int) first.toMillis());
        try {
            while (packets.size() < max) {
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                socket.receive(datagram);
                packets.add(decode(Arrays.copyOf(datagram.getData(), datagram.getLength())));
                socket.setSoTimeout((int) quiet.toMillis());
            }
        } catch (SocketTimeoutException end) {
            // quiet: done
        }
        return packets;
    }

    private static Packet decode(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int first = buf.get() & 0xff;
        int second = buf.get() & 0xff;
        int seq = buf.getShort() & 0xffff;
        long ts = buf.getInt() & 0xffffffffL;
        long ssrc = buf.getInt() & 0xffffffffL;
        int headerLength = 12 + 4 * (first & 0x0f);
        return new Packet((second & 0x80) != 0, second & 0x7f, seq, ts, ssrc,
                Arrays.copyOfRange(b, headerLength, b.length));
    }

    /**
     * Sends one key press as RFC 4733 §2.5 does: event packets every 20 ms with growing duration, the first with
     * the marker bit, the end packet three times; all share the event's timestamp.
     */
    void sendDigit(InetSocketAddress to, int payloadType, int event, int firstSeq, long timestamp) throws Exception {
        int seq = firstSeq;
        for (int i = 1; i <= 7; i++) {
            send(to, eventPacket(payloadType, seq++, timestamp, i == 1, event, false, i * 160));
            Thread.sleep(20); // pacing, not waiting: RFC 4733 sends an event packet every 20 ms
        }
        for (int i = 0; i < 3; i++) {
            send(to, eventPacket(payloadType, seq++, timestamp, false, event, true, 8 * 160));
        }
    }

    /** A PCMU packet of silence, so that the peer's media timeout does not fire. */
    void sendSilence(InetSocketAddress to, int seq, long timestamp) throws IOException {
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) 0xff);
        send(to, header(0, seq, timestamp, false, payload));
    }

    /** One PCMU packet (payload type 0) from this peer's SSRC. */
    void sendPcmu(InetSocketAddress to, int seq, long timestamp, byte[] payload) throws IOException {
        send(to, header(0, seq, timestamp, false, payload));
    }

    /** Drops what arrived so far: the next receive starts with what is sent from now on. */
    void drain() throws IOException {
        byte[] buffer = new byte[2048];
        socket.setSoTimeout(2);
        try {
            while (true) {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            }
        } catch (SocketTimeoutException end) {
            // nothing queued any more
        }
    }

    /** The PCMU audio received during {@code duration}, decoded to linear samples in arrival order. */
    short[] receiveAudio(Duration duration) throws IOException {
        List<Packet> packets = new ArrayList<>();
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                socket.receive(datagram);
                packets.add(decode(Arrays.copyOf(datagram.getData(), datagram.getLength())));
            }
        } catch (SocketTimeoutException end) {
            // the duration is over
        }
        short[] samples = new short[160 * packets.size()];
        int n = 0;
        for (Packet packet : packets) {
            if (packet.payloadType() == 0) {
                for (byte b : packet.payload()) {
                    samples[n++] = PcmuReference.decode(b);
                }
            }
        }
        return Arrays.copyOf(samples, n);
    }

    private static byte[] eventPacket(int pt, int seq, long ts, boolean marker, int event, boolean end, int duration) {
        byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        return header(pt, seq, ts, marker, payload);
    }

    private static byte[] header(int pt, int seq, long ts, boolean marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq).putInt((int) ts)
                .putInt(0x5eed).put(payload);
        return b.array();
    }

    private void send(InetSocketAddress to, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    @Override
    public void close() {
        socket.close();
    }
}
