package io.switchboard.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API over https: with a self-signed certificate the server makes, and with the operator's PEM files. */
class TlsTest {

    private static final String KEY = "dGxzLXRlc3QtYWNjZXNzLWtleS0wMTIzNDU2Nzg5";

    @TempDir
    Path dataDir;

    private static SwitchboardServer start(Map<String, String> settings) throws Exception {
        return SwitchboardServer.start(AppConfig.fromSettings(settings));
    }

    /** A client that trusts exactly the given certificate. */
    private static HttpClient trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("switchboard", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> health(HttpClient client, String scheme, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheApiOverHttpsWithASelfSignedCertificateItMakesOnceAndKeeps() throws Exception {
        Map<String, String> settings = Map.of("SWITCHBOARD_HTTP_PORT", "0", "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dataDir.toString(), "SWITCHBOARD_SIP_ENABLED", "false",
                "SWITCHBOARD_TLS", "self-signed");
        SwitchboardServer server = start(settings);
        Path pem;
        byte[] firstCertificate;
        try {
            pem = server.certificateToTrust().orElseThrow();
            firstCertificate = Files.readAllBytes(pem);

            assertThat(server.connectionString()).startsWith("endpoint=https://127.0.0.1:" + server.httpPort() + "/;");
            assertThat(health(trusting(pem), "https", server.httpPort()).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> health(HttpClient.newHttpClient(), "https", server.httpPort()))
                    .as("a client that does not trust it").hasMessageContaining("PKIX");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }

        SwitchboardServer again = start(settings);
        try {
            assertThat(Files.readAllBytes(again.certificateToTrust().orElseThrow())).isEqualTo(firstCertificate);
            assertThat(health(trusting(pem), "https", again.httpPort()).statusCode()).isEqualTo(200);
        } finally {
            again.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void servesTheApiWithTheOperatorsPemFiles() throws Exception {
        // given: a certificate and key made as an operator's would be, exported to PEM
        SwitchboardServer maker = start(Map.of("SWITCHBOARD_HTTP_PORT", "0", "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dataDir.resolve("maker").toString(), "SWITCHBOARD_SIP_ENABLED", "false",
                "SWITCHBOARD_TLS", "self-signed"));
        Path pem = maker.certificateToTrust().orElseThrow();
        maker.stop(Duration.ofSeconds(1));
        Path key = PemKey.exportFrom(pem.resolveSibling(SelfSignedCertificate.KEYSTORE),
                Files.readString(pem.resolveSibling("keystore-password")).trim(), dataDir.resolve("key.pem"));

        // when
        SwitchboardServer server = start(Map.of("SWITCHBOARD_HTTP_PORT", "0", "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dataDir.toString(), "SWITCHBOARD_SIP_ENABLED", "false",
                "SWITCHBOARD_TLS_CERT", pem.toString(), "SWITCHBOARD_TLS_KEY", key.toString()));

        // then
        try {
            assertThat(server.certificateToTrust()).isEmpty();
            assertThat(health(trusting(pem), "https", server.httpPort()).statusCode()).isEqualTo(200);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void refusesHalfATlsSettingNamingTheOtherHalf() {
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_TLS_CERT", "/etc/hostname")))
                .hasMessageStartingWith("SWITCHBOARD_TLS_KEY: ").hasMessageContaining("SWITCHBOARD_TLS_CERT");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_TLS", "yes")))
                .hasMessageStartingWith("SWITCHBOARD_TLS: yes");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_TLS_CERT", "/nope.pem",
                "SWITCHBOARD_TLS_KEY", "/nope.key"))).hasMessageStartingWith("SWITCHBOARD_TLS_CERT: /nope.pem");
    }
}
