package io.switchboard.adapter.sip;

import io.switchboard.domain.media.Tone;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A key press sent as SIP INFO (RFC 2976) by phones and PBXs that do not send RFC 4733 events in their RTP:
 * {@code application/dtmf-relay} ({@code Signal=5}, {@code Duration=160}) or {@code application/dtmf} ({@code 5}).
 * The key is a symbol ({@code 0-9 * # A-D}) or its RFC 4733 event code ({@code 0-16}). Pure.
 */
final class DtmfInfo {

    /** The content types understood, as {@code type/subtype} in lower case. */
    static final List<String> TYPES = List.of("application/dtmf-relay", "application/dtmf");

    private DtmfInfo() {
    }

    /** Whether a body of this content type ({@code type/subtype}, any case) can carry a key. */
    static boolean understands(String contentType) {
        return TYPES.contains(contentType.toLowerCase(Locale.ROOT));
    }

    /**
     * The key a body of an understood content type carries.
     *
     * @throws IllegalArgumentException naming the body's part and the expected form when it carries none
     */
    static Tone tone(String contentType, String body) {
        if (contentType.equalsIgnoreCase("application/dtmf")) {
            return key("application/dtmf body", body.trim());
        }
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                return key("Signal", line.substring(eq + 1).trim());
            }
        }
        throw new IllegalArgumentException("Signal: none (expected: a line Signal=<key>, e.g. Signal=5)");
    }

    private static Tone key(String what, String value) {
        Optional<Tone> tone = Optional.empty();
        if (value.matches("\\d{1,2}")) {
            tone = Tone.ofEventCode(Integer.parseInt(value)); // 0-9 are the digits either way
        } else if (value.length() == 1 && value.charAt(0) != '!') {
            try {
                tone = Optional.of(Tone.ofSymbol(value.charAt(0)));
            } catch (IllegalArgumentException e) {
                // named below
            }
        }
        return tone.orElseThrow(() -> new IllegalArgumentException(what + ": " + value
                + " (expected: a key 0-9 * # A-D, or its RFC 4733 event code 0-16)"));
    }
}
