package io.switchboard.adapter.media;

import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingDocument.ChannelParticipant;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskRecordingStoreTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private static RecordingDocument document(String id) {
        CallConnectionId call = CallConnectionId.of("call-1");
        return new RecordingDocument(id, RecordingId.of(call, "r"), call, "server-1", RecordingChannels.UNMIXED, 5,
                STARTED, Duration.ofMillis(4200), 336_000, "RecordingStopped",
                List.of(new ChannelParticipant("4:+14255550101", 0), new ChannelParticipant("8:acs:bob", 1)));
    }

    @Test
    void keepsCompletedRecordingsAcrossRestarts() throws IOException {
        DiskRecordingStore store = DiskRecordingStore.open(dir.resolve("recordings"), 0);
        Path audio = store.newFile("doc-1");
        Files.write(audio, new byte[] {1, 2, 3});
        store.completed(document("doc-1"));

        DiskRecordingStore reopened = DiskRecordingStore.open(dir.resolve("recordings"), 0);

        assertThat(reopened.find("doc-1")).contains(document("doc-1"));
        assertThat(reopened.content("doc-1")).contains(audio);
        assertThat(reopened.audioFiles()).containsExactly(audio);
        assertThat(reopened.find("doc-2")).isEmpty();
    }

    @Test
    void deletesTheDocumentAndItsAudio() throws IOException {
        DiskRecordingStore store = DiskRecordingStore.open(dir, 0);
        Files.write(store.newFile("doc-1"), new byte[] {1});
        store.completed(document("doc-1"));

        assertThat(store.delete("doc-1")).isTrue();
        assertThat(store.delete("doc-1")).isFalse();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        assertThat(DiskRecordingStore.open(dir, 0).find("doc-1")).isEmpty();
    }

    @Test
    void purgesRecordingsPastTheirRetention() throws IOException {
        DiskRecordingStore store = DiskRecordingStore.open(dir, 0);
        store.completed(document("old"));

        assertThat(store.purge(STARTED.plus(Duration.ofDays(1)), Duration.ofDays(2))).isZero();
        assertThat(store.purge(STARTED.plus(Duration.ofDays(3)), Duration.ofDays(2))).isEqualTo(1);
        assertThat(store.find("old")).isEmpty();
    }

    @Test
    void refusesNewFilesBelowTheFreeSpaceFloorAndBadIds() throws IOException {
        DiskRecordingStore full = DiskRecordingStore.open(dir, Long.MAX_VALUE);

        assertThatThrownBy(() -> full.newFile("doc-1")).isInstanceOf(IOException.class)
                .hasMessageContaining("below its floor").hasMessageContaining("SWITCHBOARD_RECORDING_MIN_FREE_MB");
        assertThatThrownBy(() -> full.newFile("../escape")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("documentId");
    }
}
