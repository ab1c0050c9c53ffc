package io.switchboard.adapter.sip;

import java.io.IOException;
import java.util.Locale;

/**
 * Follows the SIP messages of one TCP byte stream as they arrive and refuses a message whose declared body is larger
 * than the limit, before the body arrives and before anything allocates room for it (RFC 3261 §18.3: over a stream,
 * Content-Length frames the message). It frames as JAIN-SIP's NIO parser does: header lines up to an empty line, then
 * {@code Content-Length} bytes of body; CR LF between messages (RFC 5626 keep-alives) are skipped. The compact form
 * {@code l:} is checked against the limit too.
 *
 * <p>Not thread-safe: one guard per connection, fed in arrival order (the connection's selector thread).
 */
final class ContentLengthGuard {

    /** The longest header line looked at in full; a longer Content-Length line is refused as malformed. */
    private static final int LINE_BYTES = 256;

    private final int maxBodyBytes;
    private final StringBuilder line = new StringBuilder(LINE_BYTES);
    private boolean lineTooLong;
    private boolean inHeaders;
    private long declared;
    private long bodyLeft;

    /** @param maxBodyBytes the largest body a message may declare */
    ContentLengthGuard(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Takes the next bytes of the stream.
     *
     * @throws IOException naming the declared length when a message declares more than the limit, or a length that is
     *                     not a number; the connection should be closed (its framing is lost)
     */
    void accept(byte[] bytes) throws IOException {
        int i = 0;
        while (i < bytes.length) {
            if (bodyLeft > 0) {
                int skip = (int) Math.min(bodyLeft, bytes.length - i);
                bodyLeft -= skip;
                i += skip;
                continue;
            }
            byte b = bytes[i++];
            if (b == '\n') {
                endOfLine();
            } else if (b != '\r') {
                if (line.length() < LINE_BYTES) {
                    line.append((char) (b & 0xff));
                } else {
                    lineTooLong = true;
                }
            }
        }
    }

    private void endOfLine() throws IOException {
        if (line.isEmpty()) {
            if (inHeaders) { // the end of the headers: the body follows
                inHeaders = false;
                bodyLeft = declared;
                declared = 0;
            }
            return; // otherwise CR LF between messages
        }
        inHeaders = true;
        String text = line.toString();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean framing = lower.startsWith("content-length");
        if (framing || isCompactLength(lower)) {
            if (lineTooLong) {
                throw new IOException("SIP over TCP: a Content-Length header longer than " + LINE_BYTES + " bytes");
            }
            long length = lengthOf(text);
            if (framing) {
                declared = length;
            }
        }
        line.setLength(0);
        lineTooLong = false;
    }

    private static boolean isCompactLength(String lower) {
        return lower.startsWith("l:") || lower.startsWith("l ") || lower.startsWith("l\t");
    }

    private long lengthOf(String header) throws IOException {
        int colon = header.indexOf(':');
        String value = colon < 0 ? "" : header.substring(colon + 1).trim();
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
            throw new IOException("SIP over TCP: Content-Length '"
                    + (value.length() > 20 ? value.substring(0, 20) + "..." : value) + "' is not a number");
        }
        long length = Long.parseLong(value);
        if (length > maxBodyBytes) {
            throw new IOException("SIP over TCP: a message declaring a body of " + length + " bytes (at most "
                    + maxBodyBytes + ")");
        }
        return length;
    }
}
