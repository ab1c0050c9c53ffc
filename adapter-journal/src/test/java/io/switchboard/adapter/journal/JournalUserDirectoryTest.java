package io.switchboard.adapter.journal;

import io.switchboard.application.port.out.UserDirectory.VoipGrant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JournalUserDirectoryTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dir;
    private SqliteJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private JournalUserDirectory open() {
        journal = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.FULL);
        return new JournalUserDirectory(journal);
    }

    @Test
    void keepsUsersAndTheirRevocationAcrossAReopenAndForgetsDeletedOnes() {
        // given
        JournalUserDirectory users = open();
        users.add("8:acs:r_1", AT).toCompletableFuture().join();
        users.add("8:acs:r_2", AT).toCompletableFuture().join();
        assertThat(users.revokeTokens("8:acs:r_1", AT.plusSeconds(60)).toCompletableFuture().join()).isTrue();
        assertThat(users.delete("8:acs:r_2").toCompletableFuture().join()).isTrue();

        // when
        journal.close();
        JournalUserDirectory reopened = open();

        // then
        assertThat(reopened.tokensValidFrom("8:acs:r_1").toCompletableFuture().join())
                .isEqualTo(Optional.of(AT.plusSeconds(60)));
        assertThat(reopened.tokensValidFrom("8:acs:r_2").toCompletableFuture().join()).isEmpty();
        assertThat(reopened.revokeTokens("8:acs:nobody", AT).toCompletableFuture().join()).isFalse();
        assertThat(reopened.delete("8:acs:r_2").toCompletableFuture().join()).isFalse();
    }

    @Test
    void keepsVoipGrantsAcrossAReopenUntilTheyExpireAreRevokedOrTheirUserIsDeleted() {
        // given
        JournalUserDirectory users = open();
        users.add("8:acs:r_1", AT).toCompletableFuture().join();
        users.add("8:acs:r_2", AT).toCompletableFuture().join();
        VoipGrant early = new VoipGrant(List.of("chat", "voip"), AT, AT.plusSeconds(3600));
        VoipGrant late = new VoipGrant(List.of("voip"), AT.plusSeconds(120), AT.plusSeconds(7200));
        users.granted("8:acs:r_1", early).toCompletableFuture().join();
        users.granted("8:acs:r_1", late).toCompletableFuture().join();
        users.granted("8:acs:r_2", early).toCompletableFuture().join();

        // when
        journal.close();
        JournalUserDirectory reopened = open();

        // then
        assertThat(reopened.grants("8:acs:r_1", AT.plusSeconds(10)).toCompletableFuture().join())
                .containsExactly(early, late);
        assertThat(reopened.grants("8:acs:r_1", AT.plusSeconds(3600)).toCompletableFuture().join())
                .containsExactly(late);
        reopened.revokeTokens("8:acs:r_1", AT.plusSeconds(60)).toCompletableFuture().join();
        assertThat(reopened.grants("8:acs:r_1", AT.plusSeconds(10)).toCompletableFuture().join())
                .containsExactly(late);
        reopened.delete("8:acs:r_2").toCompletableFuture().join();
        assertThat(reopened.grants("8:acs:r_2", AT).toCompletableFuture().join()).isEmpty();
    }
}
