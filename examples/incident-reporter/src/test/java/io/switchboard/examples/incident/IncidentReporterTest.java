package io.switchboard.examples.incident;

import io.switchboard.app.AppConfig;
import io.switchboard.app.SwitchboardServer;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole sample against a Switchboard in this JVM whose sandbox phones answer, press 1, are busy or ring. */
class IncidentReporterTest {

    private static final String KEY = "aW5jaWRlbnQtcmVwb3J0ZXItdGVzdC1hY2Nlc3Mta2V5";

    @TempDir
    Path dir;
    private SwitchboardServer server;
    private Vertx vertx;

    @BeforeEach
    void start() throws Exception {
        server = SwitchboardServer.start(AppConfig.fromSettings(Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dir.resolve("data").toString(),
                "SWITCHBOARD_SIP_ENABLED", "false")));
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(2));
    }

    private ReporterConfig config(List<Contact> contacts) {
        return new ReporterConfig(server.connectionString(), contacts, Optional.empty(),
                new CommunicationUserIdentifier("8:acs:sandbox_incident"),
                Optional.of(new PhoneNumberIdentifier("+18005550100")), "127.0.0.1", 0, Optional.empty(), 4,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(10),
                dir.resolve("report.json"));
    }

    @Test
    void reportsWhoAcknowledgedWhoWasReachedWhoWasBusyAndWhoDidNotAnswer() throws Exception {
        // given: presses 1, answers (after 1 s of ringing) without a key, busy, never answers (rings 2 s)
        List<Contact> contacts = List.of(Contact.parse("+15550100002"), Contact.parse("+15550100001"),
                Contact.parse("+15550100486"), Contact.parse("+15550100408"));

        // when
        Report report = IncidentReporter.run(vertx, config(contacts)).toCompletableFuture().get(12, TimeUnit.SECONDS);
        report.write(dir.resolve("report.json"));

        // then
        assertThat(report.results()).extracting(r -> r.contact().address(), ContactResult::outcome,
                ContactResult::attempts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("+15550100002", Outcome.ACKNOWLEDGED, 1),
                org.assertj.core.groups.Tuple.tuple("+15550100001", Outcome.REACHED_NO_ACK, 1),
                org.assertj.core.groups.Tuple.tuple("+15550100486", Outcome.BUSY, 2),
                org.assertj.core.groups.Tuple.tuple("+15550100408", Outcome.NO_ANSWER, 2));
        assertThat(report.of("+15550100486").orElseThrow().detail()).startsWith("486/8539");
        JsonObject written = new JsonObject(Files.readString(dir.resolve("report.json")));
        assertThat(written.getJsonObject("summary").getMap()).containsEntry("acknowledged", 1)
                .containsEntry("reached_no_ack", 1).containsEntry("busy", 1).containsEntry("no_answer", 1)
                .containsEntry("failed", 0);
        assertThat(written.getJsonArray("contacts").getJsonObject(0).getString("outcome")).isEqualTo("acknowledged");
        assertThat(report.text()).contains("reached & acknowledged:  1  +15550100002");
    }

    @Test
    void reportsAContactOutsideTheSandboxAsFailedWithoutRetrying() throws Exception {
        Report report = IncidentReporter.run(vertx, config(List.of(Contact.parse("+442071234567"))))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.detail()).startsWith("404/8544");
        });
    }
}
