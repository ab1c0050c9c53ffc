package io.switchboard.adapter.media;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A remote speech recognition service speaking the OpenAI-compatible API ({@code POST /v1/audio/transcriptions}), as
 * self-hosted transcription servers do.
 *
 * @param endpoint the service's base URL, e.g. {@code http://127.0.0.1:8000}; {@code /v1/audio/transcriptions} is
 *                 appended
 * @param model    the {@code model} asked for, e.g. {@code whisper-1}
 * @param apiKey   sent as a bearer token, if the service wants one
 * @param locales  the languages it understands, BCP 47; a recognition in another one is refused with 400
 * @param timeout  how long one request may take
 */
public record RecognitionServiceConfig(URI endpoint, String model, Optional<String> apiKey, Set<String> locales,
                                       Duration timeout) {

    public RecognitionServiceConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        locales = Set.copyOf(locales);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Where the service is, for logs and messages: scheme, host and port, never credentials or paths. */
    public String where() {
        return HttpDownloader.where(endpoint);
    }

    /** The service's transcription URL. */
    URI transcriptionsUri() {
        return HttpDownloader.under(endpoint, "/v1/audio/transcriptions");
    }
}
