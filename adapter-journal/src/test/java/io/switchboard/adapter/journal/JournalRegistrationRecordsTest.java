package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.RegistrationRecords.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JournalRegistrationRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void givesBackTheLastDeviceOfEachUserWhoseRegistrationStillHoldsAfterARestart() {
        // given: alice registered twice (the second replaces the first), bob unregistered, carol's lapsed
        SqliteJournal first = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        JournalRegistrationRecords records = new JournalRegistrationRecords(first);
        records.bound(new Registration("8:acs:r_alice", "sip:alice@10.0.0.5:5060", "10.0.0.5", NOW.plusSeconds(60)));
        records.bound(new Registration("8:acs:r_alice", "sip:alice@10.0.0.6:5062;transport=tcp", "10.0.0.6",
                NOW.plusSeconds(3600)));
        records.bound(new Registration("8:acs:r_bob", "sip:bob@10.0.0.7:5060", "10.0.0.7", NOW.plusSeconds(600)));
        records.unbound("8:acs:r_bob");
        records.bound(new Registration("8:acs:r_carol", "sip:carol@10.0.0.8:5060", "10.0.0.8", NOW.minusSeconds(1)));
        first.close();

        // when
        SqliteJournal second = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.NORMAL);
        try {
            JournalRegistrationRecords reopened = new JournalRegistrationRecords(second);

            // then: alice's last device only; carol's lapsed one is forgotten for good
            assertThat(reopened.kept(NOW)).containsExactly(new Registration("8:acs:r_alice",
                    "sip:alice@10.0.0.6:5062;transport=tcp", "10.0.0.6", NOW.plusSeconds(3600)));
            assertThat(reopened.kept(NOW.minusSeconds(3600))).hasSize(1);
        } finally {
            second.close();
        }
    }
}
