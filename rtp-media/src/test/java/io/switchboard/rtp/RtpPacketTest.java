package io.switchboard.rtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RtpPacketTest {

    @Test
    void writesTheFixedHeaderInNetworkOrder() {
        ByteBuffer buf = ByteBuffer.allocate(12);

        RtpPacket.writeHeader(buf, true, 8, 0xABCD, 0x01020304, 0xCAFEBABE);

        assertThat(HexFormat.of().formatHex(buf.array())).isEqualTo("8088abcd01020304cafebabe");
        assertThat(buf.position()).isZero();
    }

    @Test
    void readsBackWhatItWrote() {
        ByteBuffer buf = ByteBuffer.allocate(172);

        RtpPacket.writeHeader(buf, false, 0, 65535, -1, 42);

        assertThat(RtpPacket.isRtp(buf, 172)).isTrue();
        assertThat(RtpPacket.marker(buf)).isFalse();
        assertThat(RtpPacket.payloadType(buf)).isZero();
        assertThat(RtpPacket.sequence(buf)).isEqualTo(65535);
        assertThat(RtpPacket.timestamp(buf)).isEqualTo(-1);
        assertThat(RtpPacket.ssrc(buf)).isEqualTo(42);
        assertThat(RtpPacket.payloadOffset(buf, 172)).isEqualTo(12);
        assertThat(RtpPacket.payloadLength(buf, 172)).isEqualTo(160);
    }

    @ParameterizedTest(name = "{0}: offset {1}, payload {2}")
    @CsvSource({
            // two CSRCs
            "82000001000000000000000011111111222222220a0b0c0d, 20, 4",
            // header extension of one word
            "900000010000000000000000beef0001333333330a0b0c0d, 20, 4",
            // padding: 2 bytes, the last one says 2
            "a00000010000000000000000010203040002, 12, 4",
    })
    void findsThePayloadAfterCsrcsExtensionAndPadding(String hex, int offset, int payload) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        ByteBuffer buf = ByteBuffer.wrap(bytes);

        assertThat(RtpPacket.isRtp(buf, bytes.length)).isTrue();
        assertThat(RtpPacket.payloadOffset(buf, bytes.length)).isEqualTo(offset);
        assertThat(RtpPacket.payloadLength(buf, bytes.length)).isEqualTo(payload);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // STUN binding request (first two bits 00, RFC 7983)
            "000100002112a442000000000000000000000000",
            // version 1
            "40000001000000000000000000",
            // shorter than a fixed header
            "800000010000000000",
            // RTCP sender report multiplexed on the port (PT 200 = marker + 72)
            "80c8000600000001000000000000000000000000",
            // four CSRCs announced, none present
            "840000010000000000000000",
            // extension announced beyond the end
            "900000010000000000000000beef",
    })
    void rejectsWhatIsNotAnRtpPacket(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertThat(RtpPacket.isRtp(ByteBuffer.wrap(bytes), bytes.length)).isFalse();
    }
}
