package io.switchboard.domain.media;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text to be spoken (ACS {@code TextSource}).
 *
 * @param locale    the language, BCP 47 ({@code sourceLocale}, e.g. {@code en-US}); the server's default if empty
 * @param voiceKind {@code male} or {@code female}, if the request said
 * @param voiceName a named voice ({@code en-US-NancyNeural}), if the request said
 * @param cacheId   the application's cache key ({@code playSourceCacheId}); else the text, locale and voice are
 */
public record TextPlaySource(String text, Optional<String> locale, Optional<String> voiceKind,
                             Optional<String> voiceName, Optional<String> cacheId) implements PlaySource {

    /** The most characters one text may have. */
    public static final int MAX_LENGTH = 4000;

    private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");

    public TextPlaySource {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(voiceKind, "voiceKind");
        Objects.requireNonNull(voiceName, "voiceName");
        Objects.requireNonNull(cacheId, "cacheId");
        if (text.isBlank() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("text: " + text.length() + " characters (expected: 1 to " + MAX_LENGTH
                    + " characters, not only spaces)");
        }
        locale.filter(l -> !LOCALE.matcher(l).matches()).ifPresent(l -> {
            throw new IllegalArgumentException("sourceLocale: " + l + " (expected: a BCP 47 tag, e.g. en-US)");
        });
        voiceKind.map(k -> k.toLowerCase(Locale.ROOT)).filter(k -> !k.equals("male") && !k.equals("female"))
                .ifPresent(k -> {
                    throw new IllegalArgumentException("voiceKind: " + k + " (expected: male or female)");
                });
    }

    @Override
    public String cacheKey() {
        return cacheId.filter(id -> !id.isBlank()).map(id -> "id:" + id).orElseGet(() -> "text:"
                + locale.orElse("") + "|" + voiceKind.orElse("") + "|" + voiceName.orElse("") + "|" + text);
    }
}
