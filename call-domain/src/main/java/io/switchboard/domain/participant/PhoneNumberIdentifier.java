package io.switchboard.domain.participant;

import java.util.regex.Pattern;

/** A PSTN phone number in E.164 form, e.g. {@code +14255550123}. */
public record PhoneNumberIdentifier(String value) implements CommunicationIdentifier {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    public PhoneNumberIdentifier {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException("phoneNumber: " + value + " (expected: E.164, e.g. +14255550123)");
        }
    }

    @Override
    public String rawId() {
        return "4:" + value;
    }
}
