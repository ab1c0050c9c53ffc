package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.GaCalls.VERSION;
import static io.switchboard.adapter.rest.acs.TestRequest.delete;
import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GaRecordingRoutesTest {

    private static final PhoneNumberIdentifier ALICE = new PhoneNumberIdentifier(GaCalls.ALICE);

    @TempDir
    Path dir;
    private final TestCore core = new TestCore();
    private ApiHarness api;
    private Call call;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        core.recordings.root(dir);
        api = ApiHarness.start(vertx, core.useCases());
        call = GaCalls.connected(api, core);
    }

    private ApiHarness.Reply start(String options) throws Exception {
        return api.send(post("/calling/recordings" + VERSION, """
                {"callLocator":{"kind":"serverCallLocator","serverCallId":"%s"}%s}"""
                .formatted(call.serverCallId(), options)));
    }

    @Test
    void startsGetsPausesResumesAndStopsARecording() throws Exception {
        // when
        ApiHarness.Reply started = start(",\"recordingChannelType\":\"unmixed\",\"recordingFormatType\":\"wav\","
                + "\"recordingContentType\":\"audio\",\"pauseOnStart\":true");
        String id = started.json().get("recordingId").asText();
        String state = "/calling/recordings/" + id + VERSION;
        String paused = api.send(get(state)).json().get("recordingState").asText();
        int resume = api.send(post("/calling/recordings/" + id + ":resume" + VERSION)).status();
        String resumed = api.send(get(state)).json().get("recordingState").asText();
        int pause = api.send(post("/calling/recordings/" + id + ":pause" + VERSION)).status();
        int stop = api.send(delete(state)).status();
        ApiHarness.Reply gone = api.send(get(state));

        // then
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().get("recordingState").asText()).isEqualTo("inactive");
        assertThat(started.json().get("recordingKind").asText()).isEqualTo("azureCommunicationServices");
        assertThat(paused).isEqualTo("inactive");
        assertThat(resume).isEqualTo(202);
        assertThat(resumed).isEqualTo("active");
        assertThat(pause).isEqualTo(202);
        assertThat(stop).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").get("message").asText()).contains(id);
        assertThat(core.telephony.recordingChanges()).containsExactly("record " + id, "resume " + id, "pause " + id,
                "stop " + id);
    }

    @Test
    void refusesWhatItCannotRecordNamingTheField() throws Exception {
        assertRefused(start(",\"recordingContentType\":\"audioVideo\""), 400, "recordingContentType: audioVideo");
        assertRefused(start(",\"recordingFormatType\":\"mp3\""), 400, "recordingFormatType: mp3");
        assertRefused(start(",\"recordingChannelType\":\"stereo\""), 400, "recordingChannelType: stereo");
        assertRefused(start(",\"externalStorage\":{\"recordingStorageKind\":\"azureBlobStorage\"}"), 400,
                "externalStorage: not supported");
        assertRefused(start(",\"recordingStateCallbackUri\":\"ftp://x\""), 400, "recordingStateCallbackUri");
        assertRefused(start(",\"recordingChannelType\":\"unmixed\",\"audioChannelParticipantOrdering\":"
                + "[{\"rawId\":\"4:+14255550199\"}]"), 400, "audioChannelParticipantOrdering: 4:+14255550199");
        assertRefused(api.send(post("/calling/recordings" + VERSION,
                "{\"callLocator\":{\"kind\":\"groupCallLocator\",\"groupCallId\":\"g\"}}")), 400,
                "callLocator.kind: groupCallLocator");
        assertRefused(api.send(post("/calling/recordings" + VERSION, "{}")), 400, "callLocator: missing");
        assertRefused(api.send(post("/calling/recordings" + VERSION,
                "{\"callLocator\":{\"serverCallId\":\"nobody\"}}")), 404, "nobody");
        assertThat(core.telephony.recordingChanges()).isEmpty();
    }

    @Test
    void refusesASecondRecordingOfTheCall() throws Exception {
        start("");

        assertRefused(start(""), 400, "already being recorded");
    }

    @Test
    void servesAndDeletesTheCompletedFileWithByteRanges() throws Exception {
        // given: a recording whose file telephony completed
        RecordingId id = new RecordingId(start("").json().get("recordingId").asText());
        Path file = core.telephony.recording(id).file();
        byte[] audio = new byte[1000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) i;
        }
        Files.write(file, audio);
        LegId leg = call.participants().get(0).leg();
        api.send(delete("/calling/recordings/" + id + VERSION));
        core.telephony.recordingDone(id, new RecordedFile(file, 1, Duration.ofMillis(60), 1000, Map.of(leg, 0)),
                null);
        String documentId = core.recordings.announced().get(0).documentId();
        String object = "/v1/objects/" + documentId;

        // when
        ApiHarness.Reply whole = api.send(get(object + "/content/audio"));
        ApiHarness.Reply part = api.send(get(object + "/content/audio").header("Range", "bytes=4-9"));
        ApiHarness.Reply tail = api.send(get(object + "/content/audio").header("Range", "bytes=990-"));
        ApiHarness.Reply past = api.send(get(object + "/content/audio").header("Range", "bytes=2000-"));
        ApiHarness.Reply malformed = api.send(get(object + "/content/audio").header("Range", "bytes=undefined"));
        JsonNode metadata = api.send(get(object + "/content/acsmetadata")).json();
        ApiHarness.Reply unsigned = api.send(get(object + "/content/audio").unsigned());
        int deleted = api.send(delete(object)).status();
        ApiHarness.Reply afterDelete = api.send(get(object + "/content/audio"));

        // then
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.headers().get("Content-Type")).isEqualTo("audio/wav");
        assertThat(whole.body().length()).isEqualTo(1000);
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers().get("Content-Range")).isEqualTo("bytes 4-9/1000");
        assertThat(part.body().chars().toArray()).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(tail.headers().get("Content-Range")).isEqualTo("bytes 990-999/1000");
        assertThat(past.status()).isEqualTo(416);
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.body().length()).isEqualTo(1000);
        assertThat(metadata.get("chunkDocumentId").asText()).isEqualTo(documentId);
        assertThat(metadata.get("callId").asText()).isEqualTo(call.serverCallId());
        assertThat(metadata.get("recordingInfo").get("format").asText()).isEqualTo("wav");
        assertThat(metadata.get("participants").get(0).get("participantId").asText()).isEqualTo(ALICE.rawId());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(deleted).isEqualTo(200);
        assertThat(afterDelete.status()).isEqualTo(404);
        assertThat(afterDelete.json().get("error").get("code").asText()).isEqualTo("8522");
        assertThat(afterDelete.json().get("status").asInt()).isEqualTo(404);
    }

    private static void assertRefused(ApiHarness.Reply reply, int status, String message) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").get("message").asText()).contains(message);
    }
}
