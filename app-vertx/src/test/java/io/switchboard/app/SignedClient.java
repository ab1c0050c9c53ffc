package io.switchboard.app;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends requests signed as the official ACS SDKs sign them (HMAC-SHA256 over verb, path, date, host, body hash). */
final class SignedClient {

    record Response(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String host;
    private final byte[] key;

    SignedClient(int port, String base64Key) {
        this.host = "127.0.0.1:" + port;
        this.key = Base64.getDecoder().decode(base64Key);
    }

    /** The GA api-version the tests speak. */
    static final String GA_VERSION = "?api-version=2025-05-15";

    /** Creates a GA call to the phone number {@code target}, with the sandbox's caller id; its connection id. */
    String createGaCall(String target, String callbackUri) throws Exception {
        Response created = send("POST", "/calling/callConnections" + GA_VERSION, """
                {"targets":[{"kind":"phoneNumber","phoneNumber":{"value":"%s"}}],
                 "sourceCallerIdNumber":{"value":"+18005550100"},"callbackUri":"%s"}
                """.formatted(target, callbackUri));
        if (created.status() != 201) {
            throw new AssertionError("createCall answered " + created.status() + ": " + created.body());
        }
        return new JsonObject(created.body()).getString("callConnectionId");
    }

    Response send(String method, String pathAndQuery, String body) throws Exception {
        return send(method, pathAndQuery, body, java.util.Map.of());
    }

    /** Sends with further (unsigned) headers. */
    Response send(String method, String pathAndQuery, String body, java.util.Map<String, String> headers)
            throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        String toSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + hash;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("x-ms-date", date)
                .header("x-ms-content-sha256", hash)
                .header("Authorization",
                        "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
