package io.switchboard.adapter.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SDP (RFC 4566) for one G.711 audio stream with RFC 4733 events, used in the offer/answer model of RFC 3264.
 *
 * <p>Pure functions over strings; thread-safe.
 */
public final class Sdp {

    /** Compiled once: an SDP is parsed for every call set up. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public static final int PCMU = 0;
    public static final int PCMA = 8;
    /** The payload type this side offers for {@code telephone-event/8000}. */
    public static final int TELEPHONE_EVENT = 101;

    private Sdp() {
    }

    /**
     * An offer of PCMU, PCMA and telephone-event.
     *
     * @param version the {@code o=} version: increment it for every new description of one session (RFC 3264 §8)
     */
    public static String offer(String host, int port, long sessionId, long version) {
        return offer(host, port, sessionId, version, false);
    }

    /**
     * As {@link #offer(String, int, long, long)}, for a party this side puts on hold when {@code held}: media goes one
     * way, from here ({@code a=sendonly}, RFC 3264 §8.4), else both ways ({@code a=sendrecv}).
     */
    public static String offer(String host, int port, long sessionId, long version, boolean held) {
        return session(host, sessionId, version)
                + "m=audio " + port + " RTP/AVP 0 8 " + TELEPHONE_EVENT + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + telephoneEvent(TELEPHONE_EVENT)
                + "a=ptime:20\r\n" + (held ? "a=sendonly" : "a=sendrecv") + "\r\n";
    }

    /** An answer to an offer this side accepted as {@code chosen}, mirroring its payload type numbers (RFC 3264 §6.1). */
    public static String answer(String host, int port, long sessionId, long version, RemoteAudio chosen) {
        return answer(host, port, sessionId, version, chosen, "sendrecv");
    }

    /**
     * As {@link #answer(String, int, long, long, RemoteAudio)}, answering an offer whose direction was
     * {@code offered}: {@code sendonly} (the peer holds us) is answered {@code recvonly}, {@code inactive} so, else
     * {@code sendrecv} (RFC 3264 §6.1).
     */
    public static String answer(String host, int port, long sessionId, long version, RemoteAudio chosen,
                                String offered) {
        String direction = switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
        int pt = chosen.payloadType();
        int te = chosen.telephoneEventPayloadType();
        return session(host, sessionId, version)
                + "m=audio " + port + " RTP/AVP " + pt + (te >= 0 ? " " + te : "") + "\r\n"
                + "a=rtpmap:" + pt + (pt == PCMU ? " PCMU/8000" : " PCMA/8000") + "\r\n"
                + (te >= 0 ? telephoneEvent(te) : "")
                + "a=ptime:20\r\na=" + direction + "\r\n";
    }

    /**
     * The direction an SDP says for its audio: the media-level attribute, else the session-level one, else
     * {@code sendrecv}; a connection address of 0.0.0.0 (RFC 2543 hold) reads as {@code inactive}.
     */
    public static String direction(String sdp) {
        String direction = "sendrecv";
        boolean held = false;
        for (String line : LINE_BREAK.split(sdp)) {
            String trimmed = line.trim();
            if (trimmed.equals("a=sendonly") || trimmed.equals("a=recvonly") || trimmed.equals("a=inactive")
                    || trimmed.equals("a=sendrecv")) {
                direction = trimmed.substring(2);
            } else if (trimmed.startsWith("c=IN IP4 0.0.0.0")) {
                held = true;
            }
        }
        return held ? "inactive" : direction;
    }

    private static String session(String host, long sessionId, long version) {
        return "v=0\r\n"
                + "o=switchboard " + sessionId + " " + version + " IN IP4 " + host + "\r\n"
                + "s=switchboard\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n";
    }

    private static String telephoneEvent(int pt) {
        return "a=rtpmap:" + pt + " telephone-event/8000\r\na=fmtp:" + pt + " 0-16\r\n";
    }

    /**
     * Reads the first active audio stream of a peer's description and picks its first G.711 payload type.
     *
     * @return empty when the description has no active audio stream or no G.711 codec in common
     * @throws IllegalArgumentException when the description is malformed, naming the line
     */
    public static Optional<RemoteAudio> negotiate(String sdp) {
        String sessionAddress = null;
        String mediaAddress = null;
        int port = -1;
        List<Integer> formats = new ArrayList<>();
        Map<Integer, String> rtpmap = new HashMap<>();
        boolean inAudio = false;
        boolean seenAudio = false;
        for (String line : LINE_BREAK.split(sdp)) {
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (line.isBlank()) {
                    continue;
                }
                throw new IllegalArgumentException("sdp: line " + line + " (expected: <type>=<value>)");
            }
            String value = line.substring(2).trim();
            switch (line.charAt(0)) {
                case 'm' -> {
                    inAudio = !seenAudio && value.startsWith("audio ");
                    if (inAudio) {
                        seenAudio = true;
                        String[] parts = SPACES.split(value);
                        if (parts.length < 4) {
                            throw new IllegalArgumentException("sdp: " + line + " (expected: m=audio <port> RTP/AVP <fmt>...)");
                        }
                        port = number(line, parts[1]);
                        for (int i = 3; i < parts.length; i++) {
                            formats.add(number(line, parts[i]));
                        }
                    }
                }
                case 'c' -> {
                    String[] parts = SPACES.split(value);
                    if (parts.length < 3 || !parts[1].equals("IP4")) {
                        throw new IllegalArgumentException("sdp: " + line + " (expected: c=IN IP4 <address>)");
                    }
                    String address = parts[2].split("/")[0];
                    if (inAudio) {
                        mediaAddress = address;
                    } else if (!seenAudio) {
                        sessionAddress = address;
                    }
                }
                case 'a' -> {
                    if (inAudio && value.startsWith("rtpmap:")) {
                        String[] parts = SPACES.split(value.substring(7), 2);
                        if (parts.length == 2) {
                            rtpmap.put(number(line, parts[0]), parts[1].toLowerCase(Locale.ROOT));
                        }
                    }
                }
                default -> { }
            }
        }
        if (port <= 0) {
            return Optional.empty();
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        int audioPort = port;
        // RFC 4733 events use a dynamic payload type (RFC 3551 §3: 96-127); anything else is ignored.
        int te = formats.stream().filter(f -> f >= 96 && f <= 127)
                .filter(f -> rtpmap.getOrDefault(f, "").startsWith("telephone-event/8000"))
                .findFirst().orElse(-1);
        return formats.stream().filter(f -> isG711(f, rtpmap.get(f))).findFirst()
                .map(pt -> new RemoteAudio(address, audioPort, pt, te));
    }

    private static boolean isG711(int pt, String mapping) {
        // Static payload types (RFC 3551); a rtpmap, when present, must agree.
        return pt == PCMU && (mapping == null || mapping.startsWith("pcmu/8000"))
                || pt == PCMA && (mapping == null || mapping.startsWith("pcma/8000"));
    }

    private static int number(String line, String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sdp: " + line + " (expected: a number instead of " + token + ")");
        }
    }
}
