package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeClock;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.CAROL;
import static io.switchboard.application.fakes.CallFixtures.aSetup;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryCallRegistryTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final LegId ALICE_LEG = LegId.of("leg-alice");
    private static final LegId BOB_LEG = LegId.of("leg-bob");

    private final FakeClock clock = new FakeClock(Instant.parse("2024-05-01T09:00:00Z"));
    private final InMemoryCallRegistry registry = new InMemoryCallRegistry(clock, RETENTION);

    @Test
    void findsASavedCallByIdAndByEachOfItsLegs() {
        // given
        Call call = aCallDialling("call-1");

        // when
        registry.save(call);

        // then
        assertThat(registry.find(call.id())).contains(call);
        assertThat(registry.findByLeg(ALICE_LEG)).contains(call.id());
        assertThat(registry.findByLeg(BOB_LEG)).contains(call.id());
        assertThat(registry.findByLeg(LegId.of("leg-stranger"))).isEmpty();
    }

    @Test
    void forgetsTheLegOfAParticipantThatLeft() {
        // given
        Call call = aCallDialling("call-1");
        registry.save(call);

        // when
        registry.save(call.legEnded(BOB_LEG, ResultInformation.busy("")).call());

        // then
        assertThat(registry.findByLeg(BOB_LEG)).isEmpty();
        assertThat(registry.findByLeg(ALICE_LEG)).contains(call.id());
    }

    @Test
    void indexesTheLegsOfInvitees() {
        // given
        Call call = aCallDialling("call-1").legAnswered(ALICE_LEG).call();
        registry.save(call);
        Participant carol = Participant.invitee(ParticipantId.of("p-carol"), CAROL, LegId.of("leg-carol"),
                Optional.empty());

        // when
        registry.save(call.invite(List.of(carol), Optional.empty(), Optional.empty()).call());

        // then
        assertThat(registry.findByLeg(carol.leg())).contains(call.id());
    }

    @Test
    void keepsAnEndedCallReadableForTheRetention() {
        // given
        Call ended = anEndedCall("call-1");
        registry.save(ended);

        // when
        clock.advance(RETENTION);
        registry.save(aCallDialling("call-2"));

        // then
        assertThat(registry.find(ended.id())).contains(ended);
    }

    @Test
    void forgetsAnEndedCallAfterTheRetention() {
        // given
        Call ended = anEndedCall("call-1");
        registry.save(ended);

        // when
        clock.advance(RETENTION.plusMillis(1));
        registry.save(aCallDialling("call-2"));

        // then
        assertThat(registry.find(ended.id())).isEmpty();
        assertThat(registry.find(CallConnectionId.of("call-2"))).isPresent();
    }

    @Test
    void countsTheRetentionFromWhenTheCallEndedNotWhenItWasCreated() {
        // given
        Call call = aCallDialling("call-1");
        registry.save(call);
        clock.advance(RETENTION.multipliedBy(3));
        Call ended = call.legEnded(ALICE_LEG, ResultInformation.busy("")).call()
                .legEnded(BOB_LEG, ResultInformation.busy("")).call();
        registry.save(ended);

        // when
        clock.advance(RETENTION.dividedBy(2));
        registry.save(aCallDialling("call-2"));

        // then
        assertThat(registry.find(ended.id())).contains(ended);
    }

    @Test
    void neverForgetsACallThatHasNotEnded() {
        // given
        Call call = aCallDialling("call-1");
        registry.save(call);

        // when
        clock.advance(RETENTION.multipliedBy(100));
        registry.save(aCallDialling("call-2"));

        // then
        assertThat(registry.find(call.id())).contains(call);
    }

    @Test
    void listsOnlyCallsThatHaveNotEndedAsActive() {
        // given
        Call dialling = aCallDialling("call-1");
        Call ended = anEndedCall("call-2");
        Call connected = aCallDialling("call-3").legAnswered(ALICE_LEG).call();

        // when
        registry.save(dialling);
        registry.save(ended);
        registry.save(connected);

        // then
        assertThat(registry.active()).containsExactlyInAnyOrder(dialling, connected);
    }

    private static Call aCallDialling(String id) {
        return Call.create(CallConnectionId.of(id), "server-" + id, aSetup(),
                List.of(Participant.target(ParticipantId.of("p-alice"), ALICE, ALICE_LEG),
                        Participant.target(ParticipantId.of("p-bob"), BOB, BOB_LEG)),
                Instant.parse("2024-05-01T09:00:00Z")).call();
    }

    private static Call anEndedCall(String id) {
        return aCallDialling(id).legEnded(ALICE_LEG, ResultInformation.busy("")).call()
                .legEnded(BOB_LEG, ResultInformation.busy("")).call();
    }
}
