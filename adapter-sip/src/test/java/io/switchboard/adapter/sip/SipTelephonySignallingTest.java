package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.TestUserAgent.Behaviour;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.quietly;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SIP signalling against a real peer (the test UA), with real media on loopback. */
class SipTelephonySignallingTest extends WithTestUserAgent {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private void start(Optional<String> credentials) throws Exception {
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, credentials), media.engine, events, incoming);
    }

    /** Starts the adapter with the raw peer as its trunk and dials the callee: the INVITE the peer got. */
    private String dialThrough(RawSipPeer peer) throws Exception {
        telephony = SipTelephony.start(configWithTrunk(peer.port(), Optional.empty()), media.engine, events, incoming);
        telephony.dial(dial(CALLEE, WAIT));
        return peer.await(Request.INVITE, WAIT);
    }

    /**
     * As {@link #dialThrough}, the peer leaving the INVITE unanswered until the leg gives up on it (Timer B, 64 × 50
     * ms): the INVITE, which the peer may still answer, late.
     */
    private String dialUntilTheLegGivesUp(RawSipPeer peer) throws Exception {
        String invite = dialThrough(peer);
        assertThat(events.awaitEnded(LEG, Duration.ofSeconds(8)).subCode()).isEqualTo(8541);
        return invite;
    }

    /**
     * Has the raw peer send {@code ok} until it is acknowledged, then expects the BYE of that answer's dialog, answers
     * it, and waits until the adapter has handled all that.
     */
    private void answerAndExpectHangUp(RawSipPeer peer, String ok) throws Exception {
        peer.answerUntilAcknowledged(ok, WAIT); // fails unless an ACK of that answer's dialog comes
        String bye = peer.await(Request.BYE, WAIT);
        assertThat(RawSipPeer.toTag(bye)).isEqualTo(RawSipPeer.toTag(ok));
        peer.send(RawSipPeer.okWithin(bye));
        settle(telephony);
    }

    @Test
    void reportsTheLegAnsweredAndStartsItsMedia() throws Exception {
        // given
        start(Optional.empty());

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        Request invite = ua.await(Request.INVITE, WAIT);
        assertThat(invite.getRequestURI().toString()).startsWith("sip:+14255550123@127.0.0.1:");
        assertThat(invite.getHeader("From").toString()).contains("sip:+18005550100@127.0.0.1");
        assertThat(invite.getHeader("P-Asserted-Identity").toString()).contains("<sip:+18005550100@127.0.0.1>");
        assertThat(ua.switchboardMedia().port()).isBetween(media.engine.config().portMin(),
                media.engine.config().portMax());
        ua.await(Request.ACK, WAIT);
        assertThat(ua.rtp().awaitPacket(WAIT).payloadType()).as("PCMU, as the answer chose").isZero();
    }

    @Test
    void reportsBusyWithTheSipStatus() throws Exception {
        // given
        start(Optional.empty());
        ua.behave(Behaviour.BUSY);

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.busy("SIP 486 Busy here")));
        media.awaitSessions(0);
    }

    @Test
    void cancelsAndReportsUnavailableWhenNobodyAnswers() throws Exception {
        // given
        start(Optional.empty());
        ua.behave(Behaviour.RING_FOREVER);

        // when
        telephony.dial(dial(CALLEE, Duration.ofSeconds(1)));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.unavailable("no answer after 1 s")));
        ua.await(Request.CANCEL, WAIT);
    }

    @Test
    void reportsTheRemoteHangUp() throws Exception {
        // given
        start(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);

        // when
        int status = ua.hangUp().getStatusCode();

        // then
        assertThat(status).isEqualTo(200);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
        media.awaitSessions(0);
    }

    @Test
    void sendsByeWhenTheApplicationHangsUp() throws Exception {
        // given
        start(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);

        // when
        telephony.hangUp(LEG);

        // then
        ua.await(Request.BYE, WAIT);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void cancelsWhenTheApplicationHangsUpBeforeAnswer() throws Exception {
        // given
        start(Optional.empty());
        ua.behave(Behaviour.RING_FOREVER);
        telephony.dial(dial(CALLEE, WAIT));
        ua.await(Request.INVITE, WAIT);
        // the adapter reports nothing on a 180, so its arrival cannot be awaited; without it the CANCEL waits for one
        Thread.sleep(200);

        // when
        telephony.hangUp(LEG);

        // then
        ua.await(Request.CANCEL, WAIT);
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.canceled("Hung up by the application before answer.")));
        settle(telephony);
        quietly(() -> events.events().size() == 1); // the 487 must not produce a second end
    }

    @Test
    void answersA401ChallengeWithTheTrunkCredentials() throws Exception {
        // given
        start(Optional.of("user:secret"));
        ua.challenge(401, "user", "secret");

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        assertThat(ua.methods()).filteredOn(Request.INVITE::equals).hasSize(2);
        assertThat(ua.await(Request.INVITE, WAIT).getHeader("Authorization")).isNull();
        assertThat(ua.await(Request.INVITE, WAIT).getHeader("Authorization").toString())
                .contains("username=\"user\"", "realm=\"trunk\"", "qop=auth", "nc=00000001", "opaque=\"op\"");
    }

    @Test
    void answersA407ChallengeWithTheTrunkCredentials() throws Exception {
        // given
        start(Optional.of("user:secret"));
        ua.challenge(407, "user", "secret");

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
    }

    @Test
    void givesUpWhenTheCredentialsAreRefused() throws Exception {
        // given
        start(Optional.of("user:wrong"));
        ua.challenge(401, "user", "secret");

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.unavailable("SIP 401 Unauthorized")));
    }

    @Test
    void answersAReInviteAndUpdatesTheMedia() throws Exception {
        // given
        start(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);

        ua.rtp().awaitPacket(WAIT);

        try (RtpPeer moved = RtpPeer.open()) {
            // when
            String answer = ua.reInvite(moved.port());

            // then: the same port answers, and the RTP goes where the new offer said
            assertThat(answer).contains("m=audio " + ua.switchboardMedia().port() + " RTP/AVP 0 101",
                    "o=switchboard ");
            assertThat(moved.awaitPacket(WAIT).payloadType()).isZero();
            assertThat(events.events()).containsExactly(new Answered(LEG));
        }
    }

    @Test
    void reportsUnavailableWhenThePeerNeverResponds() throws Exception {
        // given: a trunk that swallows every datagram; Timer B = 64 × 50 ms
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            telephony = SipTelephony.start(configWithTrunk(silent.getLocalPort(), Optional.empty()), media.engine,
                    events, incoming);

            // when
            telephony.dial(dial(CALLEE, Duration.ofSeconds(10)));

            // then
            ResultInformation cause = events.awaitEnded(LEG, Duration.ofSeconds(8));
            assertThat(cause.subCode()).isEqualTo(8541);
            assertThat(cause.message()).contains("SIP 408 Request Timeout");
        }
    }

    @Test
    void acknowledgesA200SentAgainAfterItsAck() throws Exception {
        // given: a peer whose first ACK got lost, from its side
        try (RawSipPeer peer = new RawSipPeer(); RtpPeer rtp = RtpPeer.open()) {
            String ok = peer.ok(dialThrough(peer), rtp.port());
            peer.send(ok);
            String firstAck = peer.await(Request.ACK, WAIT);
            assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

            // when
            peer.send(ok);

            // then
            assertThat(peer.await(Request.ACK, WAIT)).isEqualTo(firstAck);
            settle(telephony); // a second Answered, were there one, would have come with the second ACK
            assertThat(events.events()).containsExactly(new Answered(LEG));
            assertThat(rtp.awaitPacket(WAIT).payloadType()).isZero();
            assertThat(media.engine.activeSessions()).isEqualTo(1);
        }
    }

    @Test
    void acknowledgesAndHangsUpASecondAnswerFromAnotherForkAndKeepsTheFirst() throws Exception {
        // given: a proxy forked the INVITE to two phones, and the first one answered
        try (RawSipPeer peer = new RawSipPeer(); RtpPeer rtp = RtpPeer.open()) {
            String invite = dialThrough(peer);
            peer.send(peer.ok(invite, rtp.port(), "first-phone"));
            assertThat(RawSipPeer.toTag(peer.await(Request.ACK, WAIT))).isEqualTo("first-phone");
            assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

            // when: the second phone answers too, and sends its answer again until it is acknowledged
            // then: its answer is acknowledged and its dialog hung up; the leg stays with the first phone
            answerAndExpectHangUp(peer, peer.ok(invite, rtp.port(), "second-phone"));
            assertThat(events.events()).containsExactly(new Answered(LEG));
            assertThat(media.engine.activeSessions()).isEqualTo(1);

            // and: that answer once more (our ACK lost) is acknowledged again, and not hung up twice
            peer.answerUntilAcknowledged(peer.ok(invite, rtp.port(), "second-phone"), WAIT);

            // and: hanging up the leg ends the first phone's dialog, the next BYE the peer gets
            telephony.hangUp(LEG);
            assertThat(RawSipPeer.toTag(peer.await(Request.BYE, WAIT))).isEqualTo("first-phone");
        }
    }

    @Test
    void acknowledgesAndHangsUpAnAnswerThatComesAfterItsLegGaveUpOnTheInvite() throws Exception {
        // given: a leg that gave up on its INVITE, which the peer left unanswered past Timer B
        try (RawSipPeer peer = new RawSipPeer(); RtpPeer rtp = RtpPeer.open()) {
            String invite = dialUntilTheLegGivesUp(peer);
            List<RecordingTelephonyEvents.Event> reported = events.events();

            // when: the phone answers after all, and sends its answer again until it is acknowledged
            // then: acknowledged and hung up at once; nothing more is reported and no media starts
            answerAndExpectHangUp(peer, peer.ok(invite, rtp.port(), "late-phone"));
            assertThat(events.events()).isEqualTo(reported);
            assertThat(media.engine.activeSessions()).isZero();
        }
    }

    @Test
    void answersTheByeOfAPhoneThatHangsUpTheAnswerItIsHangingUpToo() throws Exception {
        // given: a late answer, acknowledged, and the BYE that hangs it up on its way
        try (RawSipPeer peer = new RawSipPeer(); RtpPeer rtp = RtpPeer.open()) {
            String invite = dialUntilTheLegGivesUp(peer);
            String ok = peer.ok(invite, rtp.port(), "late-phone");
            peer.answerUntilAcknowledged(ok, WAIT);
            peer.await(Request.BYE, WAIT);

            // when: the phone hangs up as well, its BYE crossing that one
            peer.send(peer.bye(invite, ok));

            // then: its dialog existed, so it is ended with a 200, not refused as unknown (481)
            assertThat(peer.awaitResponse(Request.BYE, WAIT)).startsWith("SIP/2.0 200 ");
        }
    }

    @Test
    void routesCommunicationUsersByTheUsersMap() throws Exception {
        // given
        start(Optional.empty());

        // when
        telephony.dial(dial(new CommunicationUserIdentifier("8:acs:alice"), WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        assertThat(ua.await(Request.INVITE, WAIT).getRequestURI().toString()).startsWith("sip:alice@127.0.0.1:");
    }

    @Test
    void reachesPhoneNumbersAndKnownUsersOnly() throws Exception {
        // given
        start(Optional.empty());

        // then
        assertThat(telephony.canReach(CALLEE)).isTrue();
        assertThat(telephony.canReach(new CommunicationUserIdentifier("8:acs:alice"))).isTrue();
        assertThat(telephony.canReach(new CommunicationUserIdentifier("8:acs:bob"))).isFalse();
        assertThat(telephony.canReach(new UnknownIdentifier("28:bot"))).isFalse();
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SipConfig config = configWithTrunk(5080, Optional.empty());
            SipConfig onTakenPort = new SipConfig(config.host(), taken.getLocalPort(), config.trunk(), config.users(),
                    config.defaultCallerId(), config.t1());

            assertThatThrownBy(() -> SipTelephony.start(onTakenPort, media.engine, events, incoming))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on udp 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void hangsUpItsLegsWhenClosed() throws Exception {
        // given
        start(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);

        // when
        telephony.close();

        // then
        ua.await(Request.BYE, WAIT);
        assertThat(events.events()).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }
}
