package io.switchboard.domain.streaming;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the application asked a call's live transcription to be ({@code transcriptionOptions}): where the text goes,
 * in which language the participants speak, whether it starts with the call.
 *
 * @param locale BCP 47, e.g. {@code en-US}
 */
public record TranscriptionSpec(URI transportUrl, String locale, boolean startOnConnect) implements StreamSpec {

    private static final Pattern BCP47 = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    public TranscriptionSpec {
        Objects.requireNonNull(transportUrl, "transportUrl");
        StreamSpec.requireWebSocket(transportUrl);
        requireLocale(locale);
    }

    @Override
    public Content content() {
        return Content.TRANSCRIPTION;
    }

    /** This transcription in another language. */
    public TranscriptionSpec withLocale(String next) {
        return new TranscriptionSpec(transportUrl, next, startOnConnect);
    }

    /** The locale, if it is a BCP 47 language tag; else refused, naming {@code locale}. */
    public static String requireLocale(String locale) {
        if (locale == null || !BCP47.matcher(locale).matches()) {
            throw new IllegalArgumentException("locale: " + locale + " (expected: a BCP 47 language tag, e.g. en-US)");
        }
        return locale;
    }
}
