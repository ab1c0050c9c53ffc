package io.switchboard.adapter.journal;

import io.switchboard.application.service.InMemoryCallRegistry;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.connection.Transition;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JournalCallRegistryTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;
    private SqliteJournal journal;
    private JournalCallRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private JournalCallRegistry open(Clock clock) {
        if (registry != null) {
            registry.close();
            journal.close();
        }
        journal = SqliteJournal.open(dir.resolve("journal.db"), SqliteJournal.Sync.FULL);
        registry = JournalCallRegistry.in(journal, clock, new InMemoryCallRegistry(clock, Duration.ofMinutes(1)));
        return registry;
    }

    private static Call connectedCall(String id) {
        CallSetup setup = new CallSetup(Optional.of(new CommunicationUserIdentifier("8:acs:app")),
                Optional.of(new PhoneNumberIdentifier("+18005550100")), Optional.of("alert"),
                new CallbackTarget(URI.create("http://127.0.0.1:8080/events"), EventSchema.GA),
                Set.of(RequestedCallEvent.DTMF_RECEIVED), Optional.of("ctx-" + id));
        Participant alice = Participant.target(ParticipantId.of("p-" + id), new PhoneNumberIdentifier("+14255550101"),
                LegId.of("leg-" + id));
        Call dialling = Call.create(CallConnectionId.of(id), "server-" + id, setup, List.of(alice), AT).call();
        return dialling.legAnswered(alice.leg()).call();
    }

    @Test
    void givesBackTheCallsAStopLeftLiveAsTheyWere() {
        // given: a connected call and an ended one
        JournalCallRegistry first = open(Clock.fixed(AT, ZoneOffset.UTC));
        Call live = connectedCall("live");
        Call ended = connectedCall("ended").hangUp().call();
        ended = ended.legEnded(LegId.of("leg-ended"), ResultInformation.HUNG_UP_BY_APPLICATION).call();
        first.save(live);
        first.save(ended);
        first.flushed().toCompletableFuture().join();

        // when
        JournalCallRegistry second = open(Clock.fixed(AT, ZoneOffset.UTC));

        // then: the live call comes back as it was saved, the ended one is not live
        assertThat(second.leftLive()).containsExactly(live);
        assertThat(second.find(live.id())).contains(live);
        assertThat(second.find(ended.id()).map(Call::state)).contains(CallState.DISCONNECTED);
        assertThat(second.find(ended.id()).flatMap(Call::endResult)).contains(ResultInformation.HUNG_UP_BY_APPLICATION);
    }

    @Test
    void givesBackAnInvitationWithTheConnectionThatAskedForItAndItsOwnCallback() {
        // given: a call inviting someone on another application's behalf (connect), its result to go elsewhere
        JournalCallRegistry first = open(Clock.fixed(AT, ZoneOffset.UTC));
        OperationCallback asked = new OperationCallback(Optional.of(CallConnectionId.of("second")),
                Optional.of(URI.create("http://127.0.0.1:8081/operations")));
        Participant carol = Participant.invitee(ParticipantId.of("p-carol"), new PhoneNumberIdentifier("+14255550102"),
                LegId.of("leg-carol"), Optional.of("invite"), asked);
        Call inviting = connectedCall("inviting").invite(List.of(carol), Optional.empty(), Optional.empty()).call();
        first.save(inviting);
        first.flushed().toCompletableFuture().join();

        // when
        JournalCallRegistry second = open(Clock.fixed(AT, ZoneOffset.UTC));

        // then
        assertThat(second.find(inviting.id()).flatMap(call -> call.participant("p-carol"))
                .map(Participant::operationCallback)).contains(asked);
        assertThat(second.find(inviting.id())).contains(inviting);
    }

    @Test
    void endsACallLeftLiveOnceReportingTheRestartAndHangingUpItsLegs() {
        // given
        JournalCallRegistry first = open(Clock.fixed(AT, ZoneOffset.UTC));
        first.save(connectedCall("live"));
        first.flushed().toCompletableFuture().join();
        JournalCallRegistry second = open(Clock.fixed(AT, ZoneOffset.UTC));

        // when
        Transition restarted = second.leftLive().get(0).serverRestarted();
        second.save(restarted.call());
        second.flushed().toCompletableFuture().join();

        // then
        assertThat(restarted.events()).singleElement().isInstanceOfSatisfying(CallConnectionStateChanged.class,
                changed -> {
                    assertThat(changed.state()).isEqualTo(CallState.DISCONNECTED);
                    assertThat(changed.result()).isEqualTo(ResultInformation.SERVER_RESTARTED);
                    assertThat(changed.wasConnected()).isTrue();
                    assertThat(changed.operationContext()).contains("ctx-live");
                });
        assertThat(restarted.commands()).containsExactly(new HangUp(LegId.of("leg-live")));
        assertThat(restarted.call().serverRestarted().events()).isEmpty();
        assertThat(open(Clock.fixed(AT, ZoneOffset.UTC)).leftLive()).isEmpty();
    }

    @Test
    void readsAnEndedCallFromTheFileOnceItLeftMemoryUntilItIsPurged() {
        // given: an ended call, and a clock past the time ended calls stay in memory
        Instant[] now = {AT};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        JournalCallRegistry registry = open(clock);
        Call ended = connectedCall("gone").hangUp().call()
                .legEnded(LegId.of("leg-gone"), ResultInformation.REMOTE_HUNG_UP).call();
        registry.save(ended);
        now[0] = AT.plus(Duration.ofMinutes(5));
        registry.save(connectedCall("other")); // a save forgets the expired calls in memory
        registry.flushed().toCompletableFuture().join();

        // then
        assertThat(registry.find(ended.id()).map(Call::state)).contains(CallState.DISCONNECTED);
        assertThat(registry.purge(AT.plusSeconds(1)).toCompletableFuture().join()).isEqualTo(1);
        assertThat(registry.find(ended.id())).isEmpty();
    }
}
