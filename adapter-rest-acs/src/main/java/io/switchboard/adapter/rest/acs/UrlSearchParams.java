package io.switchboard.adapter.rest.acs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * A query string as the JavaScript SDK signs it: parsed and re-serialised the way WHATWG {@code URLSearchParams}
 * does ({@code application/x-www-form-urlencoded}: space as {@code +}, only {@code *-._} and alphanumerics left
 * unescaped, upper-case hex). The JS SDK builds its URL through URLSearchParams and signs that form, while what
 * goes on the wire may differ (e.g. {@code %20} sent, {@code +} signed).
 */
final class UrlSearchParams {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlSearchParams() {
    }

    /** The query (without {@code ?}) as {@code new URLSearchParams(query).toString()} returns it. */
    static String reserialize(String query) {
        StringJoiner out = new StringJoiner("&");
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // URLSearchParams drops empty sequences ("a=1&&b=2")
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(encode(decode(name)) + "=" + encode(decode(value)));
        }
        return out.toString();
    }

    /** WHATWG percent-decode after {@code +} → space; a {@code %} not followed by two hex digits stays as is. */
    private static String decode(String text) {
        byte[] bytes = text.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == ' ') {
                out.append('+');
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '*' || c == '-' || c == '.' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
