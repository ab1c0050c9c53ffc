package io.switchboard.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionStringTest {

    private static final String KEY = "c3dpdGNoYm9hcmQtZW5kLXRvLWVuZC10ZXN0LWtleQ==";

    @Test
    void signsTheHostWithItsPortWhenItIsNotTheSchemesDefault() {
        ConnectionString local = ConnectionString.parse("endpoint=http://127.0.0.1:8080/;accesskey=" + KEY);
        ConnectionString azure = ConnectionString.parse("endpoint=https://x.communication.azure.com/;accesskey=" + KEY);
        ConnectionString explicitDefault = ConnectionString.parse("endpoint=https://x.example:443;accesskey=" + KEY);

        assertThat(local.host()).isEqualTo("127.0.0.1:8080");
        assertThat(local.port()).isEqualTo(8080);
        assertThat(local.tls()).isFalse();
        assertThat(azure.host()).isEqualTo("x.communication.azure.com");
        assertThat(azure.port()).isEqualTo(443);
        assertThat(azure.tls()).isTrue();
        assertThat(explicitDefault.host()).isEqualTo("x.example");
    }

    @Test
    void acceptsKeysInAnyCaseAndOrderAndKeepsAPathPrefix() {
        ConnectionString parsed = ConnectionString.parse("AccessKey=" + KEY + ";Endpoint=http://h:81/acs/;");

        assertThat(parsed.basePath()).isEqualTo("/acs");
        assertThat(parsed.host()).isEqualTo("h:81");
        assertThat(parsed.accessKey()).hasSize(31);
    }

    @Test
    void namesWhatIsWrongWithoutEchoingTheKey() {
        assertThatThrownBy(() -> ConnectionString.parse("endpoint=http://h/"))
                .hasMessageStartingWith("connectionString: missing accesskey");
        assertThatThrownBy(() -> ConnectionString.parse("endpoint=ftp://h/;accesskey=" + KEY))
                .hasMessageStartingWith("endpoint: ftp://h/");
        assertThatThrownBy(() -> ConnectionString.parse("endpoint=http://h/;accesskey=not*base64"))
                .hasMessage("accesskey: (hidden) (expected: a non-empty base64 key)");
        assertThat(ConnectionString.parse("endpoint=http://h/;accesskey=" + KEY).toString()).doesNotContain(KEY);
    }
}
