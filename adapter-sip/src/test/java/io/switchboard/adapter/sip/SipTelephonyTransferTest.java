package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.TestUserAgent.Behaviour;
import io.switchboard.adapter.sip.TestUserAgent.ReferBehaviour;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.quietly;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Blind transfers (REFER) of a dialled leg, the test UA playing the transferee, with real media on loopback. */
class SipTelephonyTransferTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PhoneNumberIdentifier TARGET = new PhoneNumberIdentifier("+14255550199");

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent ua;
    private SipTelephony telephony;
    private int uaPort;
    private int adapterPort;

    @BeforeEach
    void start() throws Exception {
        uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        SipConfig config = configWithTrunk(uaPort, Optional.empty());
        adapterPort = config.port();
        telephony = SipTelephony.start(config, media.engine, events, incoming);
    }

    @AfterEach
    void stop() {
        telephony.close();
        ua.close();
        media.close();
    }

    /** Dials the UA, which answers; returns its ACK. */
    private Request answered() throws Exception {
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        return ua.await(Request.ACK, WAIT);
    }

    private String targetUri() {
        return "sip:+14255550199@127.0.0.1:" + uaPort;
    }

    /** The cause the stage failed with, waiting up to {@link #WAIT}. */
    private static AbstractThrowableAssert<?, ?> assertFailure(CompletionStage<Void> stage) {
        ExecutionException failure = catchThrowableOfType(ExecutionException.class,
                () -> stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return assertThat(failure).as("the transfer's failure").cause();
    }

    /** The leg is still answered, in the call and owned: a hang-up sends BYE and reports it ended. */
    private void assertStillAnswered() throws Exception {
        assertThat(ua.methods()).doesNotContain(Request.BYE);
        assertThat(events.events()).containsExactly(new Answered(LEG));
        assertThat(media.engine.activeSessions()).as("the leg's media still open").isEqualTo(1);
        telephony.hangUp(LEG);
        ua.await(Request.BYE, WAIT);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void refersTheLegInItsDialogToTheTargetsAddressAsUs() throws Exception {
        // given
        ua.onRefer(ReferBehaviour.ACCEPT_SILENTLY);
        Request ack = answered();

        // when
        telephony.transfer(CALL, LEG, TARGET);

        // then
        Request refer = ua.await(Request.REFER, WAIT);
        assertThat(refer.getRequestURI().toString()).isEqualTo("sip:switchboard@127.0.0.1:" + uaPort);
        assertThat(refer.getHeader(CallIdHeader.NAME)).isEqualTo(ack.getHeader(CallIdHeader.NAME));
        assertThat(refer.getHeader("From")).isEqualTo(ack.getHeader("From"));
        assertThat(refer.getHeader("To").toString().trim()).endsWith(";tag=ua-tag");
        assertThat(refer.getHeader("Refer-To").toString().trim()).isEqualTo("Refer-To: <" + targetUri() + ">");
        assertThat(refer.getHeader("Referred-By").toString().trim())
                .isEqualTo("Referred-By: <sip:switchboard@127.0.0.1:" + adapterPort + ">");
        assertThat(refer.getHeader("Contact").toString().trim())
                .isEqualTo("Contact: <sip:switchboard@127.0.0.1:" + adapterPort + ">");
    }

    @Test
    void handsTheLegOverWhenTheTargetAnswers() throws Exception {
        // given
        ua.onRefer(ReferBehaviour.ACCEPT);
        answered();

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);

        // then
        assertThat(transferred.toCompletableFuture()).succeedsWithin(WAIT);
        ua.await(Request.BYE, WAIT);
        assertThat(ua.awaitNotifyResponses(2, WAIT)).containsExactly(200, 200);
        media.awaitSessions(0);
        settle(telephony);
        quietly(() -> events.events().equals(List.of(new Answered(LEG)))); // the BYE's 200 must not end the leg
        assertFailure(telephony.transfer(CALL, LEG, TARGET)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failsWhenTheTargetIsBusyAndKeepsTheLeg() throws Exception {
        // given
        ua.onRefer(ReferBehaviour.ACCEPT_TARGET_BUSY);
        answered();

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);

        // then
        assertFailure(transferred).isInstanceOf(TransferFailedException.class)
                .hasMessage("SIP 486 Busy Here from " + targetUri());
        assertThat(ua.awaitNotifyResponses(2, WAIT)).containsExactly(200, 200);
        assertStillAnswered();
    }

    @ParameterizedTest
    @CsvSource({"DECLINE, SIP 603 Decline", "NOT_IMPLEMENTED, SIP 501 Not Implemented"})
    void failsWhenThePhoneRefusesTheReferAndKeepsTheLeg(ReferBehaviour refusal, String status) throws Exception {
        // given
        ua.onRefer(refusal);
        answered();

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);

        // then
        assertFailure(transferred).isInstanceOf(TransferFailedException.class)
                .hasMessage(status + ": the phone does not take the transfer");
        assertStillAnswered();
    }

    @Test
    void failsWhenTheSubscriptionEndsWithoutAFinalResponse() throws Exception {
        // given
        ua.onRefer(ReferBehaviour.ACCEPT_THEN_GIVE_UP);
        answered();

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);

        // then
        assertFailure(transferred).isInstanceOf(TransferFailedException.class)
                .hasMessage("the phone ended the transfer's subscription without a final response from " + targetUri());
        assertStillAnswered();
    }

    @Test
    void failsWhenNoFinalNotifyComesWithin64TimesT1() throws Exception {
        // given: T1 = 50 ms
        ua.onRefer(ReferBehaviour.ACCEPT_SILENTLY);
        answered();

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);

        // then
        ua.await(Request.REFER, WAIT);
        long referred = System.nanoTime();
        assertFailure(transferred).isInstanceOf(TransferFailedException.class).hasMessage("no final NOTIFY from sip:"
                + CALLEE.value() + "@127.0.0.1:" + uaPort + " within 3200 ms of accepting the transfer");
        // the timer starts once the 202 is in, after the REFER reached the phone: never earlier than 64 × T1
        assertThat(Duration.ofNanos(System.nanoTime() - referred)).isGreaterThanOrEqualTo(Duration.ofMillis(3200));
        assertStillAnswered();
    }

    @Test
    void failsAndReportsTheLegEndedWhenTheTransfereeHangsUpMeanwhile() throws Exception {
        // given
        ua.onRefer(ReferBehaviour.ACCEPT_SILENTLY);
        answered();
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);
        ua.await(Request.REFER, WAIT);

        // when
        int status = ua.hangUp().getStatusCode();

        // then
        assertThat(status).isEqualTo(200);
        assertFailure(transferred).isInstanceOf(TransferFailedException.class)
                .hasMessage("the leg ended during the transfer: Remote party hung up.");
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
        media.awaitSessions(0);
    }

    @Test
    void failsFastForALegOfAnotherNetwork() {
        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LegId.of("acs-leg-7"), TARGET);

        // then
        assertFailure(transferred).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("leg acs-leg-7 of call call-1 is not a SIP leg");
        assertThat(ua.methods()).isEmpty();
    }

    @Test
    void failsForATargetWithoutSipAddressAndKeepsTheLeg() throws Exception {
        // given
        answered();

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, new CommunicationUserIdentifier("8:acs:bob"));

        // then
        assertFailure(transferred).isInstanceOf(IllegalArgumentException.class).hasMessage("target: 8:acs:bob "
                + "(expected: a phone number with a SIP trunk configured, or a user in SWITCHBOARD_SIP_USERS)");
        assertThat(ua.methods()).doesNotContain(Request.REFER);
        assertStillAnswered();
    }

    @Test
    void failsForALegNotAnsweredYet() throws Exception {
        // given
        ua.behave(Behaviour.RING_FOREVER);
        telephony.dial(dial(CALLEE, WAIT));
        ua.await(Request.INVITE, WAIT);

        // when
        CompletionStage<Void> transferred = telephony.transfer(CALL, LEG, TARGET);

        // then
        assertFailure(transferred).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("leg leg-1 of call call-1 cannot be transferred: it is ")
                .hasMessageEndingWith(", not answered");
        assertThat(ua.methods()).doesNotContain(Request.REFER);
    }

    @Test
    void refusesASecondTransferWhileOneIsUnderWay() throws Exception {
        // given
        ua.onRefer(ReferBehaviour.ACCEPT_SILENTLY);
        answered();
        CompletableFuture<Void> first = telephony.transfer(CALL, LEG, TARGET).toCompletableFuture();

        // when
        CompletionStage<Void> second = telephony.transfer(CALL, LEG, CALLEE);

        // then
        assertFailure(second).isInstanceOf(IllegalStateException.class).hasMessage(
                "leg leg-1 of call call-1 cannot be transferred: a transfer to " + targetUri() + " is under way");
        assertThat(first).isNotDone();
    }
}
