package io.switchboard.app;

import io.switchboard.adapter.journal.SqliteJournal;
import io.switchboard.adapter.sip.NiceValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
            int nice = journal.submit(session -> NiceValues.ofThisThread()).get(5, TimeUnit.SECONDS);
            if (NiceValues.processMayRaise()) {
                assertThat(priority).isEqualTo("at nice -5");
                assertThat(nice).isEqualTo(-5);
            } else {
                assertThat(priority).startsWith("at ordinary priority: the kernel refused it");
                assertThat(nice).isZero();
            }
            assertThat(NiceValues.ofThisThread()).isZero();
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
}
