package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.DialogRecords.Dialog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JournalDialogRecordsTest {

    @TempDir
    Path dir;

    @Test
    void givesBackTheDialogsLeftOpenAtTheLastStop() {
        // given: two dialogs opened, one of them closed, then the journal closed
        SqliteJournal first = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        JournalDialogRecords records = new JournalDialogRecords(first);
        records.opened(new Dialog("leg-1", "call-id=a\n"));
        records.opened(new Dialog("leg-2", "call-id=b\n"));
        records.closed("leg-1");
        first.close();

        // when
        SqliteJournal second = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        try {
            // then
            assertThat(new JournalDialogRecords(second).leftOpen()).containsExactly(new Dialog("leg-2",
                    "call-id=b\n"));
        } finally {
            second.close();
        }
    }
}
