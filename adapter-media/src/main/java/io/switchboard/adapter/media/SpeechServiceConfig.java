package io.switchboard.adapter.media;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A remote speech service speaking the OpenAI-compatible API ({@code POST /v1/audio/speech}), as self-hosted speech
 * servers do.
 *
 * @param endpoint the service's base URL, e.g. {@code http://127.0.0.1:8000}; {@code /v1/audio/speech} is appended
 * @param model    the {@code model} asked for, e.g. {@code tts-1}
 * @param voice    the {@code voice} asked for, e.g. {@code alloy}
 * @param apiKey   sent as a bearer token, if the service wants one
 * @param locales  the locales it speaks, BCP 47; speech in another one is refused with 400
 * @param timeout  how long one request may take
 */
public record SpeechServiceConfig(URI endpoint, String model, String voice, Optional<String> apiKey,
                                  Set<String> locales, Duration timeout, long cacheBytes) {

    public SpeechServiceConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(apiKey, "apiKey");
        locales = Set.copyOf(locales);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Where the service is, for logs and messages: scheme, host and port, never credentials or paths. */
    public String where() {
        return HttpDownloader.where(endpoint);
    }

    /** The service's speech URL. */
    URI speechUri() {
        return HttpDownloader.under(endpoint, "/v1/audio/speech");
    }
}
