package io.switchboard.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code /metrics} as Prometheus scrapes it (no signature), and the value of one of its samples. */
record Scraped(int status, String text) {

    static Scraped from(int httpPort) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Scraped(response.statusCode(), response.body());
    }

    /** The value of the sample {@code sample} (name and labels as printed); fails the test if there is none. */
    double value(String sample) {
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + sample + " in:\n" + text));
    }
}
