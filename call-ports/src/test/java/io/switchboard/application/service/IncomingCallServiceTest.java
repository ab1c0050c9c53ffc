package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.FakeOfferedCall;
import io.switchboard.application.fakes.FakeTelephony;
import io.switchboard.application.fakes.FakeTimers;
import io.switchboard.application.fakes.InMemoryRecordingStore;
import io.switchboard.application.fakes.RecordingCallEventPublisher;
import io.switchboard.application.fakes.SequentialIdGenerator;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.AnswerCallCommand;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.out.IncomingCallNotice;
import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.application.port.out.RecordingArchive;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.aSetup;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class IncomingCallServiceTest {

    private static final PhoneNumberIdentifier OUR_NUMBER = new PhoneNumberIdentifier("+18005550100");

    private final TestCore core = new TestCore();
    private final FakeOfferedCall ringing = new FakeOfferedCall(BOB);

    private IncomingCallNotice offered() {
        core.incomingCallEvents().offered(new IncomingCallOffer(ALICE, OUR_NUMBER, Optional.of("Alice"), ringing));
        return core.notices.last();
    }

    @Test
    void tellsTheApplicationWhoCallsWhomUnderAFreshContextAndUntilWhenItRings() {
        // when
        Instant before = Instant.now();
        IncomingCallNotice notice = offered();
        Instant after = Instant.now();
        core.incomingCallEvents().offered(new IncomingCallOffer(BOB, OUR_NUMBER, Optional.empty(),
                new FakeOfferedCall()));

        // then
        assertThat(notice.from()).isEqualTo(ALICE);
        assertThat(notice.to()).isEqualTo(OUR_NUMBER);
        assertThat(notice.callerDisplayName()).contains("Alice");
        assertThat(notice.ringsUntil()).isBetween(before.plusSeconds(30), after.plusSeconds(30));
        assertThat(core.notices.last().incomingCallContext()).isNotEqualTo(notice.incomingCallContext());
        assertThat(core.timers.pending()).extracting(FakeTimers.Pending::delay)
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void answersAsANewCallWithTheCallerAsItsParticipant() {
        // given
        IncomingCallNotice notice = offered();

        // when
        Call call = result(core.incomingCalls().answer(new AnswerCallCommand(notice.incomingCallContext(), aSetup())));

        // then
        Participant caller = call.participants().get(0);
        assertThat(caller.identifier()).isEqualTo(ALICE);
        assertThat(call.serverCallId()).isEqualTo(notice.serverCallId());
        assertThat(call.state()).isEqualTo(CallState.CONNECTING);
        assertThat(ringing.actions()).containsExactly("answer " + call.id().value() + " " + caller.leg().value());
        assertThat(core.registry.find(call.id())).isPresent();
    }

    @Test
    void connectsTheAnsweredCallWhenItsMediaFlows() {
        // given
        IncomingCallNotice notice = offered();
        Call call = result(core.incomingCalls().answer(new AnswerCallCommand(notice.incomingCallContext(), aSetup())));

        // when
        core.telephonyEvents().legAnswered(call.participants().get(0).leg());

        // then
        assertThat(core.call(call.id()).state()).isEqualTo(CallState.CONNECTED);
        assertThat(core.events.events(CallConnectionStateChanged.class)).extracting(CallConnectionStateChanged::state)
                .containsExactly(CallState.CONNECTING, CallState.CONNECTED);
    }

    @Test
    void reportsAnAnsweredCallWhoseCallerHungUpMeanwhileAsFailedToBeAnswered() {
        // given
        IncomingCallNotice notice = offered();
        Call call = result(core.incomingCalls().answer(new AnswerCallCommand(notice.incomingCallContext(), aSetup())));

        // when: the network found the caller gone
        core.telephonyEvents().legEnded(call.participants().get(0).leg(),
                ResultInformation.canceled("the caller hung up before the call was answered"));

        // then
        CallConnectionStateChanged ended = core.events.events(CallConnectionStateChanged.class).get(1);
        assertThat(ended.state()).isEqualTo(CallState.DISCONNECTED);
        assertThat(ended.wasConnected()).isFalse();
        assertThat(ended.answered()).isTrue();
    }

    @Test
    void answersACallOnlyOnce() {
        // given
        IncomingCallNotice notice = offered();
        result(core.incomingCalls().answer(new AnswerCallCommand(notice.incomingCallContext(), aSetup())));

        // when
        Throwable second = failure(core.incomingCalls().answer(
                new AnswerCallCommand(notice.incomingCallContext(), aSetup())));

        // then
        assertThat(second).isInstanceOf(CallAutomationException.class)
                .hasMessageContaining("incomingCallContext");
        assertThat(((CallAutomationException) second).code()).isEqualTo(ErrorCode.CALL_NOT_FOUND);
        assertThat(ringing.actions()).hasSize(1);
    }

    @Test
    void rejectsWithTheApplicationsReason() {
        // given
        IncomingCallNotice notice = offered();

        // when
        result(core.incomingCalls().reject(notice.incomingCallContext(), RejectReason.BUSY));

        // then
        assertThat(ringing.actions()).containsExactly("reject BUSY");
        assertThat(failure(core.incomingCalls().reject(notice.incomingCallContext(), RejectReason.BUSY)))
                .isInstanceOf(CallAutomationException.class);
    }

    @Test
    void redirectsToATargetTheNetworkReaches() {
        // given
        IncomingCallNotice notice = offered();

        // when
        result(core.incomingCalls().redirect(notice.incomingCallContext(), BOB));

        // then
        assertThat(ringing.actions()).containsExactly("redirect " + BOB.rawId());
    }

    @Test
    void keepsRingingWhenTheRedirectTargetCannotBeReached() {
        // given
        IncomingCallNotice notice = offered();

        // when
        Throwable refused = failure(core.incomingCalls().redirect(notice.incomingCallContext(), OUR_NUMBER));

        // then
        assertThat(refused).isInstanceOf(CallAutomationException.class).hasMessageContaining("target: 4:+18005550100");
        assertThat(((CallAutomationException) refused).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        result(core.incomingCalls().reject(notice.incomingCallContext(), RejectReason.DECLINED));
        assertThat(ringing.actions()).containsExactly("reject DECLINED");
    }

    @Test
    void refusesACallNobodyAnswersInTime() {
        // given
        IncomingCallNotice notice = offered();

        // when
        core.timers.fireAll();

        // then
        assertThat(ringing.actions()).containsExactly("reject UNANSWERED");
        assertThat(failure(core.incomingCalls().answer(new AnswerCallCommand(notice.incomingCallContext(), aSetup()))))
                .isInstanceOf(CallAutomationException.class);
    }

    @Test
    void forgetsACallWhoseCallerHungUp() {
        // given
        IncomingCallNotice notice = offered();

        // when
        core.incomingCallEvents().withdrawn(ringing);

        // then
        assertThat(failure(core.incomingCalls().answer(new AnswerCallCommand(notice.incomingCallContext(), aSetup()))))
                .isInstanceOf(CallAutomationException.class);
        core.timers.fireAll();
        assertThat(ringing.actions()).isEmpty();
    }

    @Test
    void refusesCallsAtOnceWhenNobodyListensForThem() {
        // given
        FakeTelephony telephony = new FakeTelephony();
        CallAutomationCore deaf = CallAutomationCore.create(new InMemoryCallRegistry(Clock.systemUTC(),
                        Duration.ofMinutes(1)), telephony, new RecordingCallEventPublisher(), new FakeMediaFetcher(),
                Optional.empty(), Optional.empty(), MediaStreams.NONE, new SequentialIdGenerator(), Clock.systemUTC(),
                Runnable::run,
                CallSettings.DEFAULTS,
                new FakeTimers(), Optional.empty(),
                new RecordingArchive(new InMemoryRecordingStore(), Optional.empty()));

        // when
        deaf.incomingCallEvents().offered(new IncomingCallOffer(ALICE, OUR_NUMBER, Optional.empty(), ringing));

        // then
        assertThat(ringing.actions()).containsExactly("reject UNANSWERED");
    }
}
