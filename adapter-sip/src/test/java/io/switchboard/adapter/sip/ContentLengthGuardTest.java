package io.switchboard.adapter.sip;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentLengthGuardTest {

    private static final String HEADERS = "INVITE sip:a@127.0.0.1 SIP/2.0\r\nCall-ID: 1\r\n";

    private final ContentLengthGuard guard = new ContentLengthGuard(1000);

    private void feed(String text) throws IOException {
        guard.accept(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesAMessageDeclaringABodyOverTheLimitBeforeItsBodyArrives() {
        assertThatThrownBy(() -> feed(HEADERS + "Content-Length: 200000000\r\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("SIP over TCP: a message declaring a body of 200000000 bytes (at most 1000)");
    }

    @Test
    void takesMessagesWithinTheLimitOneAfterAnotherWithKeepAlivesBetween() {
        String body = "x".repeat(1000);
        assertThatCode(() -> {
            feed("\r\n\r\n" + HEADERS + "Content-Length: 1000\r\n\r\n" + body);
            feed("\r\n" + HEADERS + "content-length:0\r\n\r\n");
            feed(HEADERS + "Content-Length: 5\r\n\r\n" + "Conte");
            feed("\r\n"); // the rest of a body is not taken for headers
        }).doesNotThrowAnyException();
    }

    @Test
    void followsHeaderLinesAndBodiesSplitAnywhereAcrossReads() throws IOException {
        // given: a message whose body looks like an oversized header, cut into one-byte reads
        String stream = HEADERS + "Content-Length: 40\r\n\r\n" + "Content-Length: 99999999\r\n".repeat(2);
        for (byte b : stream.substring(0, stream.length() - 12).getBytes(StandardCharsets.ISO_8859_1)) {
            guard.accept(new byte[]{b});
        }

        // then: the next message's header, split across reads, is still seen
        feed(HEADERS + "Content-Le");
        assertThatThrownBy(() -> feed("ngth: 1001\r\n")).hasMessageContaining("1001 bytes");
    }

    @Test
    void refusesTheCompactFormOverTheLimitAndLengthsThatAreNotNumbers() {
        assertThatThrownBy(() -> feed(HEADERS + "l: 5000\r\n")).hasMessageContaining("5000 bytes");
        ContentLengthGuard other = new ContentLengthGuard(1000);
        assertThatThrownBy(() -> other.accept((HEADERS + "Content-Length: -1\r\n").getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("SIP over TCP: Content-Length '-1' is not a number");
    }
}
