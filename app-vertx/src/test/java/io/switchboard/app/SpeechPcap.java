package io.switchboard.app;

import io.switchboard.rtp.MuLaw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes audio as a pcap of one RTP stream for SIPp's {@code play_pcap_audio}: PCMU (payload type 0), 20 ms packets,
 * one SSRC, continuous sequence numbers and timestamps, over Ethernet, IPv4 and UDP on 127.0.0.1.
 */
final class SpeechPcap {

    private static final int SSRC = 0x5EEC4001;

    private SpeechPcap() {
    }

    /** {@code samples} (8 kHz) into {@code file}. */
    static void write(Path file, short[] samples) throws IOException {
        byte[] payload = MuLaw.encode(samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(little(24).putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(1).array());
        for (int packet = 0; packet * 160 < payload.length; packet++) {
            ByteBuffer rtp = ByteBuffer.allocate(12 + 160).put((byte) 0x80).put((byte) (packet == 0 ? 0x80 : 0))
                    .putShort((short) (1000 + packet)).putInt(8000 + packet * 160).putInt(SSRC)
                    .put(payload, packet * 160, 160);
            byte[] frame = frame(rtp.array());
            long micros = packet * 20_000L;
            out.write(little(16).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                    .putInt(frame.length).putInt(frame.length).array());
            out.write(frame);
        }
        Files.write(file, out.toByteArray());
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] frame(byte[] rtp) {
        ByteBuffer udp = ByteBuffer.allocate(8 + rtp.length).putShort((short) 6000).putShort((short) 6000)
                .putShort((short) (8 + rtp.length)).putShort((short) 0).put(rtp);
        ByteBuffer ip = ByteBuffer.allocate(20).put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.capacity()))
                .putShort((short) 0).putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        ip.putShort(10, checksum(ip.array()));
        return ByteBuffer.allocate(14 + 20 + udp.capacity()).put(new byte[12]).putShort((short) 0x0800)
                .put(ip.array()).put(udp.array()).array();
    }

    private static short checksum(byte[] header) {
        int total = 0;
        for (int i = 0; i < header.length; i += 2) {
            total += ((header[i] & 0xFF) << 8) | (header[i + 1] & 0xFF);
        }
        total = (total >> 16) + (total & 0xFFFF);
        total += total >> 16;
        return (short) ~total;
    }
}
