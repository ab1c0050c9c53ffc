package io.switchboard.app;

import io.switchboard.adapter.journal.SqliteJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's writer thread, raised at start (SWITCHBOARD_JOURNAL_PRIORITY=raised, the default). */
class JournalWriterPriorityTest {

    @TempDir
    Path dataDir;

    @Test
    void raisesTheWritersThreadAboveOrdinaryOnesWhenTheProcessMayAndSaysWhatItGot() throws Exception {
        try (SqliteJournal journal = SqliteJournal.open(dataDir.resolve("journal.db"), SqliteJournal.Sync.NORMAL)) {
            // when
            String priority = SwitchboardServer.raiseWriter(journal);

            // then: the writer's nice value, read back from the kernel inside a work it runs; the caller's as it was
            int nice = journal.submit(session -> niceOfThisThread()).get(5, TimeUnit.SECONDS);
            if (processMayRaiseNice()) {
                assertThat(priority).isEqualTo("at nice -5");
                assertThat(nice).isEqualTo(-5);
            } else {
                assertThat(priority).startsWith("at ordinary priority: the kernel refused it");
                assertThat(nice).isZero();
            }
            assertThat(niceOfThisThread()).isZero();
        }
    }

    @Test
    void takesRaisedOrNormalAndNamesTheSettingOtherwise() {
        assertThat(AppConfig.fromSettings(Map.of()).journal().raisedWriter()).isTrue();
        assertThat(AppConfig.fromSettings(Map.of("SWITCHBOARD_JOURNAL_PRIORITY", "normal")).journal().raisedWriter())
                .isFalse();
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_JOURNAL_PRIORITY", "high")))
                .hasMessage("SWITCHBOARD_JOURNAL_PRIORITY: high (expected: raised or normal)");
    }

    /** Field 19 of /proc/thread-self/stat, counted after the command's closing parenthesis (field 2). */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[19 - 3]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** CAP_SYS_NICE (bit 23 of the effective set, as root has it), or a nice limit that allows -5. */
    private static boolean processMayRaiseNice() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        String effective = status.stream().filter(line -> line.startsWith("CapEff:")).findFirst().orElseThrow()
                .substring(7).trim();
        String limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max nice priority")).findFirst().orElseThrow()
                .substring(26).trim().split("\\s+")[0];
        return (Long.parseUnsignedLong(effective, 16) & (1L << 23)) != 0
                || limit.equals("unlimited") || Integer.parseInt(limit) >= 25;
    }
}
