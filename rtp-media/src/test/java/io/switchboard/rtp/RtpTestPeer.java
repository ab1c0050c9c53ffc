package io.switchboard.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;

/** The far end of a test call: a plain UDP socket on 127.0.0.1 that receives and sends raw packets. */
final class RtpTestPeer implements AutoCloseable {

    /** A received packet and its parsed RTP header. */
    record Packet(byte[] bytes, InetSocketAddress from) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes);
        }

        boolean marker() {
            return RtpPacket.marker(buffer());
        }

        int payloadType() {
            return RtpPacket.payloadType(buffer());
        }

        int sequence() {
            return RtpPacket.sequence(buffer());
        }

        int timestamp() {
            return RtpPacket.timestamp(buffer());
        }

        int ssrc() {
            return RtpPacket.ssrc(buffer());
        }

        byte[] payload() {
            return Arrays.copyOfRange(bytes, RtpPacket.HEADER_BYTES, bytes.length);
        }
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);

    RtpTestPeer() throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** The next packet, or null if none arrives within {@code timeout}. */
    Packet receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from != null) {
                return new Packet(Arrays.copyOf(buffer.array(), buffer.position()), from);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    /** The next packet, failing the test if none arrives within 2 s. */
    Packet receive() throws IOException {
        Packet packet = receive(Duration.ofSeconds(2));
        if (packet == null) {
            throw new AssertionError("no RTP packet within 2 s on " + address());
        }
        return packet;
    }

    /** Discards everything already received. */
    void drain() throws IOException {
        while (receive(Duration.ZERO) != null) {
            // discard
        }
    }

    void send(byte[] packet, int port) throws IOException {
        channel.send(ByteBuffer.wrap(packet), new InetSocketAddress("127.0.0.1", port));
    }

    /** A telephone-event RTP packet (RFC 4733). */
    static byte[] telephoneEvent(int payloadType, int sequence, int timestamp, boolean marker, int event,
                                 boolean end, int duration) {
        ByteBuffer buf = ByteBuffer.allocate(16);
        RtpPacket.writeHeader(buf, marker, payloadType, sequence, timestamp, 0x1234);
        TelephoneEvent.write(buf, 12, event, end, 10, duration);
        return buf.array();
    }

    /** A PCMU RTP packet of silence. */
    static byte[] audio(int sequence, int timestamp) {
        ByteBuffer buf = ByteBuffer.allocate(172);
        RtpPacket.writeHeader(buf, false, 0, sequence, timestamp, 0x1234);
        buf.position(12);
        buf.put(Codec.PCMU.silenceFrame());
        return buf.array();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
