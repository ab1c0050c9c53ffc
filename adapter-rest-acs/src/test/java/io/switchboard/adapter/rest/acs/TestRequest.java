package io.switchboard.adapter.rest.acs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a test wants it sent: by default signed correctly for what is sent; each wither makes the signed
 * part differ from the sent part, or leaves something out.
 */
final class TestRequest {

    final String method;
    final String uri;
    final String body;
    final Map<String, String> headers = new LinkedHashMap<>();
    Optional<String> signedUri = Optional.empty();
    Optional<String> signedHost = Optional.empty();
    Optional<String> signedBody = Optional.empty();
    Optional<Instant> date = Optional.empty();
    String dateHeader = "x-ms-date";
    boolean signed = true;
    Optional<String> signature = Optional.empty();

    private TestRequest(String method, String uri, String body) {
        this.method = method;
        this.uri = uri;
        this.body = body;
    }

    static TestRequest get(String uri) {
        return new TestRequest("GET", uri, "");
    }

    static TestRequest head(String uri) {
        return new TestRequest("HEAD", uri, "");
    }

    static TestRequest post(String uri, String body) {
        return new TestRequest("POST", uri, body).header("Content-Type", "application/json");
    }

    static TestRequest post(String uri) {
        return new TestRequest("POST", uri, "");
    }

    static TestRequest delete(String uri) {
        return new TestRequest("DELETE", uri, "");
    }

    TestRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TestRequest signedUri(String value) {
        signedUri = Optional.of(value);
        return this;
    }

    TestRequest signedHost(String value) {
        signedHost = Optional.of(value);
        return this;
    }

    TestRequest signedBody(String value) {
        signedBody = Optional.of(value);
        return this;
    }

    TestRequest date(Instant value) {
        date = Optional.of(value);
        return this;
    }

    /** Sends the date in the {@code Date} header instead of {@code x-ms-date}. */
    TestRequest dateInDateHeader() {
        dateHeader = "Date";
        return this;
    }

    TestRequest unsigned() {
        signed = false;
        return this;
    }

    TestRequest signature(String value) {
        signature = Optional.of(value);
        return this;
    }
}
