package io.switchboard.examples.incident;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReporterConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsContactsAndTheMessageFromAFileAndMoreContactsFromArguments() throws Exception {
        // given
        Path file = dir.resolve("contacts.json");
        Files.writeString(file, """
                {"message": "https://media.example.com/fire.wav",
                 "contacts": ["+15550100001", {"name": "Ops lead", "phoneNumber": "+15550100002"},
                              {"name": "Desk", "user": "8:acs:desk_1"}]}""");

        // when
        ReporterConfig config = ReporterConfig.parse(List.of("--contacts", file.toString(), "--call", "+15550100486",
                "--ack-wait", "2", "--listen", "0.0.0.0:8099"), Map.of("SWITCHBOARD_CONNECTION_STRING", "endpoint=x"));

        // then
        assertThat(config.contacts()).extracting(Contact::toString).containsExactly("+15550100001",
                "Ops lead (+15550100002)", "Desk (8:acs:desk_1)", "+15550100486");
        assertThat(config.message()).contains(URI.create("https://media.example.com/fire.wav"));
        assertThat(config.ackWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.listenHost()).isEqualTo("0.0.0.0");
        assertThat(config.listenPort()).isEqualTo(8099);
        assertThat(config.connectionString()).isEqualTo("endpoint=x");
    }

    @Test
    void namesTheOptionThatIsWrong() {
        assertThatThrownBy(() -> ReporterConfig.parse(List.of("--call", "+15550100001"), Map.of()))
                .hasMessageStartingWith("--connection-string: missing");
        assertThatThrownBy(() -> ReporterConfig.parse(List.of("--connection-string", "x"), Map.of()))
                .hasMessageStartingWith("contacts: none");
        assertThatThrownBy(() -> ReporterConfig.parse(List.of("--connection-string", "x", "--call", "555"),
                Map.of())).hasMessageStartingWith("phoneNumber: 555");
    }

    @Test
    void takesTheCallbackSigningKeyFromTheConnectionString() {
        byte[] key = IncidentReporter.signingKey("endpoint=http://127.0.0.1:8080/;accesskey=c2VjcmV0");

        assertThat(new String(key)).isEqualTo("secret");
    }
}
