package io.switchboard.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed vectors computed outside Java (Python's hmac and hashlib), so signer and test cannot share a mistake. */
class HmacSignerTest {

    private static final byte[] KEY = Base64.getDecoder().decode("c3dpdGNoYm9hcmQtZW5kLXRvLWVuZC10ZXN0LWtleQ==");
    private static final Instant AT = Instant.parse("2026-11-03T08:05:06Z");

    private final HmacSigner signer = new HmacSigner(KEY);

    @Test
    void signsABodylessRequestWithTheHashOfNothing() {
        Map<String, String> headers = signer.headers("POST", "/calls/abc/Hangup", "127.0.0.1:8080", new byte[0], AT);

        assertThat(headers).containsExactly(
                Map.entry("x-ms-date", "Tue, 03 Nov 2026 08:05:06 GMT"),
                Map.entry("x-ms-content-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
                Map.entry("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
                        + "&Signature=NmeZVFdSHT3B7VvvrqCfHN2cF0kE2Is13oEt9MsLVl0="));
    }

    @Test
    void signsTheBodyHashAndTheQuery() {
        byte[] body = "{\"audioFileUri\":\"https://media.example.com/a.wav\",\"loop\":false}"
                .getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = signer.headers("POST", "/calls/abc/PlayAudio?api-version=2021-03-28-preview0",
                "127.0.0.1:8080", body, AT);

        assertThat(headers.get("x-ms-content-sha256")).isEqualTo("d4Y+NbP4iTz/wGWSDdbIQdMdaHIME7hWlF+mP940gLI=");
        assertThat(headers.get("Authorization")).endsWith("&Signature=bkA+5XnxRe5+wxUmqCAHj3uhJhiTaeNI92vNr/Fhnmw=");
    }

    @Test
    void writesTheDateWithATwoDigitDayInGmt() {
        assertThat(HmacSigner.RFC_1123.format(Instant.parse("2026-01-05T23:40:46Z")))
                .isEqualTo("Mon, 05 Jan 2026 23:40:46 GMT");
    }
}
