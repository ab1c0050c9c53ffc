package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.domain.call.ResultInformation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session timers (RFC 4028) with real peers on loopback: a caller's timer granted, refreshed or given up on; the
 * adapter refreshing a session when asked to, on calls in and out; a re-INVITE the peer no longer knows ending the
 * call. The adapter's minimum is 2 s here (90 s and more from the settings), so that intervals pass in seconds.
 */
class SipSessionTimersTest extends WithTestUserAgent {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BOB = "\"Bob\" <sip:+18005550100@127.0.0.1:5070>";
    private static final int MINIMUM = 2;

    private TestCaller caller;
    private int adapterPort;

    @Override
    void stopTelephonyAndUserAgent() {
        super.stopTelephonyAndUserAgent();
        if (caller != null) {
            caller.close();
        }
    }

    /** The adapter listening for callers, and a caller asking for the given session timer. */
    private void callerAsking(String sessionExpires, boolean supported) throws Exception {
        caller = TestCaller.start(freeUdpPort()).askingForSessionTimer(sessionExpires, supported);
        adapterPort = freeUdpPort();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", adapterPort, Optional.empty(), Map.of(),
                "switchboard", Duration.ofMillis(50)).withSessionMinimum(MINIMUM), media.engine, events, incoming);
    }

    /** The caller's INVITE offered, answered and acknowledged; the adapter's 200 OK. */
    private Response answered() throws Exception {
        caller.call("sip:+14255550123@127.0.0.1:" + adapterPort, BOB, TestCaller.offer(caller.rtp().port(), "0"));
        OfferedCall offered = incoming.awaitOffer(WAIT).call();
        offered.answer(CALL, LEG);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        return caller.awaitResponse(Request.INVITE, Response.OK, WAIT);
    }

    @Test
    void grantsTheCallersSessionTimerKeepsTheCallWhileItRefreshesAndEndsItWithByeOnceItStops() throws Exception {
        // given: 6 s, given up on 2 s before it ends (a third of it)
        callerAsking("6", true);

        // when
        Response ok = answered();

        // then: the caller refreshes, as it did not ask us to
        assertThat(TestCaller.header(ok, "Session-Expires")).isEqualTo("6;refresher=uac");
        assertThat(TestCaller.header(ok, RequireHeader.NAME)).isEqualTo("timer");
        assertThat(TestCaller.header(ok, SupportedHeader.NAME)).isEqualTo("timer");

        // when: five refreshes a second apart, longer in all than the 4 s the first grant would have lasted
        for (int refresh = 1; refresh <= 5; refresh++) {
            // time passing between refreshes is what is under test here, not a wait for something to happen
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            Response refreshed = caller.reInviteAnswered(caller.rtp().port());
            assertThat(refreshed.getStatusCode()).isEqualTo(Response.OK);
            assertThat(TestCaller.header(refreshed, "Session-Expires")).isEqualTo("6;refresher=uac");
        }

        // then: the call is up; once the refreshes stop it ends, with a BYE to the caller
        assertThat(events.events()).containsExactly(new Answered(LEG));
        assertThat(events.awaitEnded(LEG, Duration.ofSeconds(10))).isEqualTo(ResultInformation.unavailable(
                "SIP session timer expired: no refresh within 6 s (RFC 4028)"));
        caller.awaitRequest(Request.BYE, WAIT);
        media.awaitSessions(0);
    }

    @Test
    void takesRefreshesAsUpdatesAndAnOfferInOneMovesTheMedia() throws Exception {
        // given: 4 s, given up on 1.3 s before it ends
        callerAsking("4", true);
        answered();

        // when: three refreshes as UPDATE without a body (RFC 3311), a second apart: longer than the first grant
        for (int refresh = 1; refresh <= 3; refresh++) {
            // time passing between refreshes is what is under test here, not a wait for something to happen
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            Response refreshed = caller.update(0);
            assertThat(refreshed.getStatusCode()).isEqualTo(Response.OK);
            assertThat(TestCaller.header(refreshed, "Session-Expires")).isEqualTo("4;refresher=uac");
            assertThat(refreshed.getRawContent()).as("no offer, no answer").isNullOrEmpty();
        }
        assertThat(events.events()).containsExactly(new Answered(LEG));

        try (RtpPeer moved = RtpPeer.open()) {
            // when: an UPDATE with an offer
            Response answer = caller.update(moved.port());

            // then: answered in its 200, and the media goes there
            assertThat(answer.getStatusCode()).isEqualTo(Response.OK);
            assertThat(new String(answer.getRawContent(), StandardCharsets.UTF_8)).contains("m=audio ");
            assertThat(moved.awaitPacket(WAIT).payloadType()).isEqualTo(0);
        }
        assertThat(events.events()).containsExactly(new Answered(LEG));
    }

    @Test
    void refusesASessionTimerBelowItsMinimumWith422NamingIt() throws Exception {
        // given
        callerAsking("1", true);

        // when
        caller.call("sip:+14255550123@127.0.0.1:" + adapterPort, BOB, TestCaller.offer(caller.rtp().port(), "0"));

        // then: refused as RFC 4028 §8.1 says, before it rings or is offered
        Response refused = caller.awaitFinal(WAIT);
        assertThat(refused.getStatusCode()).isEqualTo(422);
        assertThat(TestCaller.header(refused, "Min-SE")).isEqualTo(String.valueOf(MINIMUM));
        assertThat(caller.statuses()).noneMatch(s -> s.startsWith("180"));
        assertThat(incoming.offers()).isEmpty();
    }

    @Test
    void grantsNoTimerToACallerThatDoesNotSupportThem() throws Exception {
        // given: Session-Expires without Supported: timer, as a proxy on the way would put it in
        callerAsking("1", false);

        // when
        Response ok = answered();

        // then: answered as a UAS without the extension would, even below the minimum
        assertThat(TestCaller.header(ok, "Session-Expires")).isNull();
        assertThat(TestCaller.header(ok, RequireHeader.NAME)).isNull();
    }

    @Test
    void refreshesTheSessionItselfWhenTheCallerAsksItTo() throws Exception {
        // given
        callerAsking("4;refresher=uas", true);

        // when
        Response ok = answered();

        // then: no Require, as we refresh; a re-INVITE at half the interval, offering what the 200 did
        assertThat(TestCaller.header(ok, "Session-Expires")).isEqualTo("4;refresher=uas");
        assertThat(TestCaller.header(ok, RequireHeader.NAME)).isNull();
        Request refresh = caller.awaitRequest(Request.INVITE, WAIT);
        assertThat(TestCaller.header(refresh, "Session-Expires")).isEqualTo("4;refresher=uac");
        assertThat(TestCaller.header(refresh, SupportedHeader.NAME)).isEqualTo("timer");
        assertThat(originLine(refresh.getRawContent())).isEqualTo(originLine(ok.getRawContent()));

        // and again, while the call goes on
        Awaitility.await("a second refresh").atMost(WAIT)
                .until(() -> caller.requestMethods().stream().filter(Request.INVITE::equals).count() >= 2);
        assertThat(events.events()).containsExactly(new Answered(LEG));
    }

    @Test
    void offersTimersOnADialledLegAndRefreshesItsSessionWhenTheAnswerAsks() throws Exception {
        // given
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort).withSessionTimer("4;refresher=uac");
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()).withSessionMinimum(MINIMUM),
                media.engine, events, incoming);

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        Request invite = ua.await(Request.INVITE, WAIT);
        assertThat(TestCaller.header(invite, SupportedHeader.NAME)).isEqualTo("timer");
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        Request refresh = ua.await(Request.INVITE, WAIT);
        assertThat(TestCaller.header(refresh, "Session-Expires")).isEqualTo("4;refresher=uac");
        assertThat(originLine(refresh.getRawContent())).isEqualTo(originLine(invite.getRawContent()));
        ua.await(Request.INVITE, WAIT); // the next one, after the first's 200 restarted the timer
        assertThat(events.events()).containsExactly(new Answered(LEG));
    }

    @Test
    void endsALegWithByeWhenItsPeerAnswersAReInviteWith481() throws Exception {
        // given
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort).answerReInvitesWith(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming);
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

        // when: a re-INVITE (a hold) to a peer that no longer knows the call
        telephony.setHeld(LEG, true);

        // then: the dialog is over (RFC 3261 §14.1)
        assertThat(events.awaitEnded(LEG, WAIT)).isEqualTo(ResultInformation.unavailable(
                "SIP 481 to a re-INVITE: the call is gone at " + "sip:+14255550123@127.0.0.1:" + uaPort));
        ua.await(Request.BYE, WAIT);
        media.awaitSessions(0);
    }

    /** The SDP's {@code o=} line: its session id and version. */
    private static String originLine(byte[] sdp) {
        return new String(sdp, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("o=")).findFirst()
                .orElseThrow();
    }
}
