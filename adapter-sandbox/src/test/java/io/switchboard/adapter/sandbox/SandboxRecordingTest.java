package io.switchboard.adapter.sandbox;

import io.switchboard.adapter.sandbox.RecordingTelephonyEvents.Answered;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.sandbox.SandboxFixtures.CALL;
import static io.switchboard.adapter.sandbox.SandboxFixtures.FAST;
import static io.switchboard.adapter.sandbox.SandboxFixtures.LEG;
import static io.switchboard.adapter.sandbox.SandboxFixtures.dialling;
import static io.switchboard.adapter.sandbox.SandboxFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Recording a sandbox call: its file holds what was played to it, the phones being silent. */
@ExtendWith(VertxExtension.class)
class SandboxRecordingTest {

    @TempDir
    Path dir;
    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private SandboxTelephony sandbox;

    @BeforeEach
    void startSandbox(Vertx vertx) throws Exception {
        sandbox = SandboxTelephony.create(vertx, events, FAST);
        sandbox.dial(dialling(number("+15550100001")));
        assertThat(events.awaitCount(1)).containsExactly(new Answered(LEG));
    }

    @AfterEach
    void closeSandbox() {
        sandbox.close();
    }

    @Test
    void recordsThePromptsPlayedToTheCallOnTheirChannel() throws Exception {
        // given
        Path file = dir.resolve("sandbox.wav");
        assertThat(sandbox.records(List.of(LEG))).isTrue();
        CompletableFuture<RecordedFile> recorded = sandbox.record(new RecordingRequest(CALL, new RecordingId("r1"),
                RecordingChannels.UNMIXED, List.of(LEG), List.of(), false, file)).toCompletableFuture();

        // when: a 300 ms prompt plays to its end
        sandbox.play(new PlaybackRequest(CALL, MediaOperationId.of("op-1"), List.of(LEG), loud(300), false));
        events.awaitCount(2);
        sandbox.stopRecording(CALL, new RecordingId("r1"));
        RecordedFile done = recorded.get(10, TimeUnit.SECONDS);

        // then: five channels, the prompt on the last (about 300 ms of it), the participant's silent
        short[][] channels = read(file, 5);
        assertThat(done.channels()).isEqualTo(5);
        assertThat(done.legChannels()).isEqualTo(Map.of(LEG, 0));
        assertThat(done.bytes()).isEqualTo(Files.size(file) - 44);
        assertThat(done.length().toMillis()).isEqualTo(channels[0].length / 8);
        long loud = countLoud(channels[4]);
        assertThat(loud).as("prompt samples").isBetween(8L * 250, 8L * 350);
        assertThat(countLoud(channels[0])).isZero();
    }

    @Test
    void leavesThePausedTimeOut() throws Exception {
        Path file = dir.resolve("paused.wav");
        CompletableFuture<RecordedFile> recorded = sandbox.record(new RecordingRequest(CALL, new RecordingId("r2"),
                RecordingChannels.MIXED, List.of(LEG), List.of(), true, file)).toCompletableFuture();

        // a whole prompt plays while paused, then one after the resume
        sandbox.play(new PlaybackRequest(CALL, MediaOperationId.of("op-1"), List.of(LEG), loud(200), false));
        events.awaitCount(2);
        sandbox.pauseRecording(CALL, new RecordingId("r2"), false);
        sandbox.play(new PlaybackRequest(CALL, MediaOperationId.of("op-2"), List.of(LEG), loud(200), false));
        events.awaitCount(3);
        sandbox.stopRecording(CALL, new RecordingId("r2"));
        recorded.get(10, TimeUnit.SECONDS);

        long loud = countLoud(read(file, 1)[0]);
        assertThat(loud).as("only the second prompt").isBetween(8L * 150, 8L * 250);
    }

    private static AudioClip loud(int millis) {
        short[] samples = new short[8 * millis];
        java.util.Arrays.fill(samples, (short) 5000);
        return new AudioClip("loud-" + millis, samples);
    }

    private static long countLoud(short[] track) {
        long count = 0;
        for (short sample : track) {
            if (sample == 5000) {
                count++;
            }
        }
        return count;
    }

    private static short[][] read(Path wav, int channels) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.getShort(22)).isEqualTo((short) channels);
        assertThat(bytes.getInt(40)).isEqualTo(bytes.capacity() - 44);
        int frames = (bytes.capacity() - 44) / 2 / channels;
        short[][] samples = new short[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                samples[c][i] = bytes.getShort(44 + (i * channels + c) * 2);
            }
        }
        return samples;
    }
}
