package io.switchboard.adapter.sip;

import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the address of an incoming call names, in the core's terms: the reverse of the routing. A {@code sip:} URI
 * whose user and host are a configured user's is that communication user (ports and parameters aside); a user part
 * that is a phone number (digits, an optional leading {@code +}), or a {@code tel:} URI, is that phone number in E.164
 * form; anything else is an unknown identifier carrying the address as {@code sip:user@host}. The configured users
 * come first: a user known by an extension ({@code sip:1001@pbx}) is that user, not the number +1001. Immutable.
 */
final class SipIdentities {

    private static final Pattern SIP = Pattern.compile(
            "(?<scheme>sips?):(?:(?<user>[^@;?>]+)@)?(?<host>\\[[^]]+]|[^:;?>]+)(?::\\d+)?(?:[;?].*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TEL = Pattern.compile("tel:(?<number>[^;?]+)(?:[;?].*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]+");
    /** RFC 3966 §5.1.1: visual separators carry no meaning. */
    private static final Pattern VISUAL_SEPARATORS = Pattern.compile("[-.()]");

    private final Map<String, CommunicationUserIdentifier> usersByAddress = new HashMap<>();

    /** @param users communication user raw ids to their SIP URIs, as in {@link SipConfig#users()} */
    SipIdentities(Map<String, String> users) {
        users.forEach((rawId, uri) -> {
            SipUri address = SipUri.parse(SipConfig.USERS, uri, "8:acs:...=sip:alice@127.0.0.1:5062");
            usersByAddress.put(key(address.user().orElse(""), address.host()), new CommunicationUserIdentifier(rawId));
        });
    }

    /** The identifier of a From URI or Request-URI, e.g. {@code sip:+14255550123@trunk;user=phone}. */
    CommunicationIdentifier identify(String uri) {
        String trimmed = uri.trim();
        Matcher tel = TEL.matcher(trimmed);
        if (tel.matches()) {
            String number = tel.group("number");
            return phoneNumber(number).orElseGet(() -> new UnknownIdentifier("tel:" + number));
        }
        Matcher sip = SIP.matcher(trimmed);
        if (!sip.matches()) {
            return new UnknownIdentifier(trimmed);
        }
        String user = sip.group("user") == null ? "" : unescape(sip.group("user").split(":", 2)[0]);
        String host = sip.group("host");
        CommunicationUserIdentifier known = usersByAddress.get(key(user, host));
        if (known != null) {
            return known;
        }
        String scheme = sip.group("scheme").toLowerCase(Locale.ROOT);
        return phoneNumber(user).orElseGet(() ->
                new UnknownIdentifier(scheme + ":" + (user.isEmpty() ? "" : user + "@") + host));
    }

    private static Optional<CommunicationIdentifier> phoneNumber(String candidate) {
        String number = VISUAL_SEPARATORS.matcher(candidate).replaceAll("");
        if (!NUMBER.matcher(number).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PhoneNumberIdentifier(number.startsWith("+") ? number : "+" + number));
        } catch (IllegalArgumentException notE164) {
            return Optional.empty(); // e.g. a leading 0 or more than 15 digits: not a number we can name
        }
    }

    /** The user part compares as is, the host case-insensitively (RFC 3261 §19.1.4). */
    private static String key(String user, String host) {
        return user + "@" + host.toLowerCase(Locale.ROOT);
    }

    /** Undoes %HH escapes (RFC 3261 §19.1.2), e.g. {@code %2B} for a leading {@code +}. */
    private static String unescape(String user) {
        if (user.indexOf('%') < 0) {
            return user;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '%' && i + 2 < user.length() && isHex(user.charAt(i + 1)) && isHex(user.charAt(i + 2))) {
                bytes.write(Integer.parseInt(user.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
