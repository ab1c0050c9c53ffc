package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.adapter.sip.sdp.Sdp;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.participant.UnknownIdentifier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.quietly;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calls into the adapter from a real caller UA, with real media on loopback: offers, answers, rejections, redirects,
 * hang-ups.
 */
class SipTelephonyIncomingCallTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BOB = "\"Bob Caller\" <sip:+18005550100@127.0.0.1:5070>";

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestCaller caller;
    private SipTelephony telephony;
    private int adapterPort;
    private int trunkPort;

    @BeforeEach
    void start() throws Exception {
        caller = TestCaller.start(freeUdpPort());
        adapterPort = freeUdpPort();
        trunkPort = freeUdpPort(); // only its address matters: redirects name it
        Map<String, String> users = Map.of("8:acs:alice", "sip:alice@127.0.0.1:" + caller.port(),
                "8:acs:carol", "sip:carol@127.0.0.1:5099;transport=udp");
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", adapterPort,
                Optional.of(SipTrunk.parse("sip:127.0.0.1:" + trunkPort)), users, "switchboard",
                Duration.ofMillis(50)), media.engine, events, incoming);
    }

    @AfterEach
    void stop() {
        telephony.close();
        caller.close();
        media.close();
    }

    /** Where the adapter wants the caller's RTP, from its 200 OK. */
    private RemoteAudio switchboardAudio() throws InterruptedException {
        return Sdp.negotiate(TestCaller.body(caller.awaitResponse(Request.INVITE, Response.OK, WAIT))).orElseThrow();
    }

    /** The methods a response's {@code Allow} header fields name, in order. */
    private static List<String> allowed(Response response) {
        List<String> methods = new ArrayList<>();
        response.getHeaders(AllowHeader.NAME).forEachRemaining(h -> methods.add(((AllowHeader) h).getMethod()));
        return methods;
    }

    private String adapter(String user) {
        return "sip:" + user + "@127.0.0.1:" + adapterPort;
    }

    /** The caller offers PCMA first, then PCMU and telephone-event. */
    private OfferedCall ringing() throws Exception {
        caller.call(adapter("+14255550123"), BOB, TestCaller.offer(caller.rtp().port(), "8 0 101"));
        return incoming.awaitOffer(WAIT).call();
    }

    private OfferedCall answered() throws Exception {
        OfferedCall call = ringing();
        call.answer(CALL, LEG);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        return call;
    }

    @Test
    void offersTheCallFromTheCallersNumberToTheNumberCalledAndRings() throws Exception {
        // when
        caller.call(adapter("+14255550123") + ";user=phone", BOB, TestCaller.offer(caller.rtp().port(), "0"));

        // then
        IncomingCallOffer offer = incoming.awaitOffer(WAIT);
        assertThat(offer.from()).isEqualTo(new PhoneNumberIdentifier("+18005550100"));
        assertThat(offer.to()).isEqualTo(new PhoneNumberIdentifier("+14255550123"));
        assertThat(offer.callerDisplayName()).contains("Bob Caller");
        Response ringing = caller.awaitResponse(Request.INVITE, Response.RINGING, WAIT);
        assertThat(((ToHeader) ringing.getHeader(ToHeader.NAME)).getTag()).isNotBlank();
        assertThat(ringing.getHeader(ContactHeader.NAME).toString())
                .contains("sip:switchboard@127.0.0.1:" + adapterPort);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void offersTheCallFromAConfiguredUserToAConfiguredUser() throws Exception {
        // when: From is alice's address, the Request-URI carol's user and host (on the adapter's port)
        caller.call(adapter("carol"), "<sip:alice@127.0.0.1:" + caller.port() + ">",
                TestCaller.offer(caller.rtp().port(), "0"));

        // then
        IncomingCallOffer offer = incoming.awaitOffer(WAIT);
        assertThat(offer.from()).isEqualTo(new CommunicationUserIdentifier("8:acs:alice"));
        assertThat(offer.to()).isEqualTo(new CommunicationUserIdentifier("8:acs:carol"));
        assertThat(offer.callerDisplayName()).isEmpty();
    }

    @Test
    void offersACallFromAnUnknownAddressAsItsSipUri() throws Exception {
        // when
        caller.call(adapter("switchboard"), "\"Dave\" <sip:dave@example.com:5080;transport=udp>",
                TestCaller.offer(caller.rtp().port(), "0"));

        // then
        IncomingCallOffer offer = incoming.awaitOffer(WAIT);
        assertThat(offer.from()).isEqualTo(new UnknownIdentifier("sip:dave@example.com"));
        assertThat(offer.to()).isEqualTo(new UnknownIdentifier("sip:switchboard@127.0.0.1"));
        assertThat(offer.callerDisplayName()).contains("Dave");
    }

    @Test
    void answersWithTheCallersFirstG711AndReportsTheLegAnsweredOnTheAck() throws Exception {
        // given
        OfferedCall call = ringing();
        String tag = ((ToHeader) caller.awaitResponse(Request.INVITE, Response.RINGING, WAIT)
                .getHeader(ToHeader.NAME)).getTag();

        // when
        call.answer(CALL, LEG);

        // then
        Response ok = caller.awaitResponse(Request.INVITE, Response.OK, WAIT);
        RemoteAudio answer = Sdp.negotiate(TestCaller.body(ok)).orElseThrow();
        assertThat(answer).isEqualTo(new RemoteAudio("127.0.0.1", answer.port(), Sdp.PCMA, 101));
        assertThat(answer.port()).isBetween(media.engine.config().portMin(), media.engine.config().portMax());
        assertThat(TestCaller.body(ok)).contains("m=audio " + answer.port() + " RTP/AVP 8 101\r\n");
        assertThat(((ToHeader) ok.getHeader(ToHeader.NAME)).getTag()).isEqualTo(tag);
        assertThat(ok.getHeader(ContactHeader.NAME).toString()).contains("sip:switchboard@127.0.0.1:" + adapterPort);
        assertThat(allowed(ok)).containsExactly("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "NOTIFY", "INFO",
                "UPDATE");
        assertThat(TestCaller.header(ok, SupportedHeader.NAME)).isEqualTo("timer");
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        assertThat(caller.rtp().awaitPacket(WAIT).payloadType()).as("PCMA, the caller's first G.711").isEqualTo(8);
    }

    @Test
    void reportsTheLegAnsweredOnlyOnceTheAckArrives() throws Exception {
        // given
        caller.withoutAck();
        OfferedCall call = ringing();

        // when
        call.answer(CALL, LEG);
        caller.awaitResponse(Request.INVITE, Response.OK, WAIT);
        settle(telephony);

        // then
        assertThat(events.events()).isEmpty();
        assertThat(caller.rtp().receiveUntilQuiet(SipFixtures.QUIET, SipFixtures.QUIET, 1)).as("RTP before the ACK")
                .isEmpty();
        caller.ack();
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        assertThat(caller.rtp().awaitPacket(WAIT).payloadType()).isEqualTo(8);
    }

    @Test
    void endsTheLegAsUnavailableAndSendsByeWhenTheAckNeverComes() throws Exception {
        // given: T1 = 50 ms, so the 200 is given up after 64 × T1 = 3.2 s
        caller.withoutAck();
        OfferedCall call = ringing();

        // when
        call.answer(CALL, LEG);

        // then
        assertThat(events.awaitEnded(LEG, Duration.ofSeconds(8)))
                .isEqualTo(ResultInformation.unavailable("SIP ACK not received for the 200 OK"));
        caller.awaitRequest(Request.BYE, WAIT);
        assertThat(events.events()).hasSize(1);
        media.awaitSessions(0);
    }

    @Test
    void withdrawsTheOfferWhenTheCallerCancels() throws Exception {
        // given
        OfferedCall call = ringing();
        caller.awaitResponse(Request.INVITE, Response.RINGING, WAIT);

        // when
        caller.cancel();

        // then
        assertThat(incoming.awaitWithdrawn(WAIT)).isSameAs(call);
        caller.awaitResponse(Request.CANCEL, Response.OK, WAIT);
        assertThat(caller.awaitFinal(WAIT).getStatusCode()).isEqualTo(Response.REQUEST_TERMINATED);
    }

    @Test
    void endsALegAnsweredAfterTheCallerCanceledAtOnce() throws Exception {
        // given
        OfferedCall call = ringing();
        caller.awaitResponse(Request.INVITE, Response.RINGING, WAIT);
        caller.cancel();
        incoming.awaitWithdrawn(WAIT);

        // when
        call.answer(CALL, LEG);

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.canceled("the caller hung up before the call was answered")));
        settle(telephony);
        quietly(() -> !caller.statuses().contains("200 INVITE"));
        assertThat(media.engine.activeSessions()).as("media left open").isZero();
    }

    @ParameterizedTest
    @CsvSource({"DECLINED, 603", "BUSY, 486", "FORBIDDEN, 403", "UNANSWERED, 480"})
    void rejectsWithTheSipStatusOfTheReason(RejectReason reason, int status) throws Exception {
        // given
        OfferedCall call = ringing();

        // when
        call.reject(reason);

        // then
        assertThat(caller.awaitFinal(WAIT).getStatusCode()).isEqualTo(status);
        call.answer(CALL, LEG); // over: the leg ends at once, nothing more is sent
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.unavailable("the incoming call was already rejected")));
        settle(telephony);
        quietly(() -> caller.statuses().stream().filter(s -> !s.startsWith("1")).count() == 1);
        assertThat(caller.statuses()).filteredOn(s -> !s.startsWith("1")).containsExactly(status + " INVITE");
    }

    @Test
    void redirectsAPhoneNumberToTheTrunk() throws Exception {
        // given
        OfferedCall call = ringing();

        // when
        CompletableFuture<Void> redirected = call.redirect(new PhoneNumberIdentifier("+14255550199"))
                .toCompletableFuture();

        // then
        redirected.get(5, TimeUnit.SECONDS);
        Response moved = caller.awaitFinal(WAIT);
        assertThat(moved.getStatusCode()).isEqualTo(Response.MOVED_TEMPORARILY);
        assertThat(moved.getHeader(ContactHeader.NAME).toString().trim())
                .isEqualTo("Contact: <sip:+14255550199@127.0.0.1:" + trunkPort + ">");
    }

    @Test
    void redirectsAUserToItsConfiguredAddress() throws Exception {
        // given
        OfferedCall call = ringing();

        // when
        call.redirect(new CommunicationUserIdentifier("8:acs:carol")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        Response moved = caller.awaitFinal(WAIT);
        assertThat(moved.getStatusCode()).isEqualTo(Response.MOVED_TEMPORARILY);
        assertThat(moved.getHeader(ContactHeader.NAME).toString().trim())
                .isEqualTo("Contact: <sip:carol@127.0.0.1:5099>");
    }

    @Test
    void failsTheRedirectToAnUnroutableTargetAndKeepsRinging() throws Exception {
        // given
        OfferedCall call = ringing();

        // when
        CompletableFuture<Void> redirected = call.redirect(new CommunicationUserIdentifier("8:acs:nobody"))
                .toCompletableFuture();

        // then
        assertThatThrownBy(() -> redirected.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target: 8:acs:nobody");
        call.reject(RejectReason.BUSY);
        // a final response the failed redirect sent would have arrived first
        assertThat(caller.awaitFinal(WAIT).getStatusCode()).isEqualTo(Response.BUSY_HERE);
        assertThat(caller.statuses()).filteredOn(s -> !s.startsWith("1")).containsExactly("486 INVITE");
    }

    @Test
    void refusesAnOfferWithoutG711() throws Exception {
        // when
        caller.call(adapter("+14255550123"), BOB, TestCaller.offer(caller.rtp().port(), "9 101"));

        // then
        assertThat(caller.awaitFinal(WAIT).getStatusCode()).isEqualTo(Response.NOT_ACCEPTABLE_HERE);
        assertThat(incoming.offers()).isEmpty();
    }

    @Test
    void refusesAnInviteBeyondTheCallsAllowedToRingAtOnceWith503AndRetryAfter() throws Exception {
        // given: an adapter on which one call may ring at a time, and a call ringing on it
        telephony.close();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", adapterPort, Optional.empty(), Map.of(),
                "switchboard", Duration.ofMillis(50)).withMaxRinging(1), media.engine, events, incoming);
        OfferedCall first = ringing();

        // when: a second caller calls meanwhile
        try (TestCaller second = TestCaller.start(freeUdpPort())) {
            second.call(adapter("+14255550124"), BOB, TestCaller.offer(second.rtp().port(), "0 101"));

            // then: refused for load, told when to try again, never offered
            Response refused = second.awaitFinal(WAIT);
            assertThat(refused.getStatusCode()).isEqualTo(Response.SERVICE_UNAVAILABLE);
            assertThat(((javax.sip.header.RetryAfterHeader) refused.getHeader("Retry-After")).getRetryAfter())
                    .isEqualTo(InboundCalls.RETRY_AFTER_SECONDS);
            assertThat(incoming.offers()).hasSize(1);

            // and once the first is answered, a new caller rings again
            first.answer(CALL, LEG);
            assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
            second.call(adapter("+14255550124"), BOB, TestCaller.offer(second.rtp().port(), "0 101"));
            Awaitility.await("the second caller offered").atMost(WAIT).until(() -> incoming.offers().size() == 2);
        }
    }

    @Test
    void refusesAnInviteRequiringSipExtensionsWith420NamingThem() throws Exception {
        // when: the caller requires session timers, which the adapter offers, and reliable provisional responses,
        // which it does not
        caller.requiring("timer", "100rel")
                .call(adapter("+14255550123"), BOB, TestCaller.offer(caller.rtp().port(), "0 101"));

        // then: refused as RFC 3261 §8.2.2.3 says, before it rings or is offered
        Response refused = caller.awaitFinal(WAIT);
        assertThat(refused.getStatusCode()).isEqualTo(Response.BAD_EXTENSION);
        assertThat(TestCaller.unsupported(refused)).containsExactly("100rel");
        assertThat(caller.statuses()).noneMatch(s -> s.startsWith("180"));
        assertThat(incoming.offers()).isEmpty();
    }

    @Test
    void refusesAReInviteRequiringASipExtensionWith420AndTheCallGoesOn() throws Exception {
        // given
        answered();
        caller.rtp().awaitPacket(WAIT);

        try (RtpPeer moved = RtpPeer.open()) {
            // when
            Response refused = caller.requiring("100rel").reInviteAnswered(moved.port());

            // then: refused, and the media still goes where it went, in PCMA as answered, not to the refused offer's
            // port in its PCMU
            assertThat(refused.getStatusCode()).isEqualTo(Response.BAD_EXTENSION);
            assertThat(TestCaller.unsupported(refused)).containsExactly("100rel");
            caller.rtp().drain();
            assertThat(caller.rtp().awaitPacket(WAIT).payloadType()).isEqualTo(8);
        }
    }

    @Test
    void refusesAnInviteWithoutOffer() throws Exception {
        // when
        caller.call(adapter("+14255550123"), BOB, null);

        // then
        assertThat(caller.awaitFinal(WAIT).getStatusCode()).isEqualTo(Response.NOT_ACCEPTABLE_HERE);
        assertThat(incoming.offers()).isEmpty();
    }

    @Test
    void reportsTheCallersHangUp() throws Exception {
        // given
        answered();

        // when
        int status = caller.hangUp().getStatusCode();

        // then
        assertThat(status).isEqualTo(Response.OK);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
        media.awaitSessions(0);
    }

    @Test
    void sendsByeToTheCallerWhenTheApplicationHangsUp() throws Exception {
        // given
        answered();

        // when
        telephony.hangUp(LEG);

        // then
        caller.awaitRequest(Request.BYE, WAIT);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void holdsTheByeOfAHangUpBeforeTheAckUntilTheAckArrives() throws Exception {
        // given
        caller.withoutAck();
        OfferedCall call = ringing();
        call.answer(CALL, LEG);
        caller.awaitResponse(Request.INVITE, Response.OK, WAIT);

        // when
        telephony.hangUp(LEG);

        // then: no BYE before the ACK (RFC 3261 §15)
        assertThat(events.await(1, WAIT)).containsExactly(new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
        settle(telephony);
        quietly(() -> !caller.requestMethods().contains(Request.BYE));
        caller.ack();
        caller.awaitRequest(Request.BYE, WAIT);
        assertThat(events.events()).hasSize(1);
    }

    @Test
    void answersTheCallersReInviteAndUpdatesTheMedia() throws Exception {
        // given
        answered();

        int port = switchboardAudio().port();
        caller.rtp().awaitPacket(WAIT);

        try (RtpPeer moved = RtpPeer.open()) {
            // when
            String answer = caller.reInvite(moved.port());

            // then: the same port answers, and PCMU goes where the new offer said
            assertThat(answer).contains("m=audio " + port + " RTP/AVP 0 101", "o=switchboard ");
            assertThat(moved.awaitPacket(WAIT).payloadType()).isZero();
        }
    }

    @Test
    void playsTonesAndReportsKeysOfAnAnsweredIncomingCall() throws Exception {
        // given
        answered();

        RemoteAudio switchboard = switchboardAudio();

        caller.rtp().drain();

        // when
        telephony.sendTones(CALL, LEG, List.of(Tone.ONE))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        caller.rtp().sendDigit(new InetSocketAddress(switchboard.address(), switchboard.port()), 101, 7, 1, 160);

        // then
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new ToneReceived(LEG, Tone.SEVEN));
        assertThat(caller.rtp().receiveUntilQuiet(WAIT, Duration.ofMillis(200), 60))
                .as("RFC 4733 events for the key 1").anyMatch(p -> p.payloadType() == 101 && p.payload()[0] == 1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "application/dtmf-relay | Signal=5\\r\\nDuration=160\\r\\n | FIVE",
            "application/dtmf-relay | Signal= #\\r\\nDuration=250      | POUND",
            "application/dtmf-relay | Signal=10\\r\\nDuration=100      | STAR",
            "application/dtmf       | 7                                 | SEVEN"})
    void reportsAKeySentAsSipInfoLikeOneInTheRtp(String contentType, String body, Tone key) throws Exception {
        // given
        answered();

        // when: a PBX that sends keys out of band
        Response response = caller.info(contentType, body.replace("\\r\\n", "\r\n"));

        // then
        assertThat(response.getStatusCode()).isEqualTo(Response.OK);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG), new ToneReceived(LEG, key));
    }

    @Test
    void refusesAnInfoItCannotReadNamingWhatItTakesAndTheCallGoesOn() throws Exception {
        // given
        answered();

        // when
        Response otherType = caller.info("application/json", "{\"key\":5}");
        Response noKey = caller.info("application/dtmf-relay", "Signal=Z\r\nDuration=160\r\n");
        Response keepAlive = caller.info("application/dtmf-relay", "");

        // then
        assertThat(otherType.getStatusCode()).isEqualTo(Response.UNSUPPORTED_MEDIA_TYPE);
        List<String> accepted = new ArrayList<>();
        otherType.getHeaders(AcceptHeader.NAME).forEachRemaining(accept -> accepted.add(accept.toString().trim()));
        assertThat(accepted).containsExactly("Accept: application/dtmf-relay", "Accept: application/dtmf");
        assertThat(noKey.getStatusCode()).isEqualTo(Response.BAD_REQUEST);
        assertThat(noKey.getReasonPhrase()).isEqualTo("Signal: Z (expected: a key 0-9 * # A-D, or its RFC 4733 event "
                + "code 0-16)");
        assertThat(keepAlive.getStatusCode()).isEqualTo(Response.OK);
        settle(telephony);
        assertThat(events.events()).containsExactly(new Answered(LEG));
        caller.rtp().drain();
        assertThat(caller.rtp().awaitPacket(WAIT)).isNotNull();
    }

    @Test
    void refusesRingingCallsWhenClosed() throws Exception {
        // given
        ringing();
        caller.awaitResponse(Request.INVITE, Response.RINGING, WAIT);

        // when
        telephony.close();

        // then
        assertThat(caller.awaitFinal(WAIT).getStatusCode()).isEqualTo(Response.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void hangsUpAnsweredIncomingCallsWhenClosed() throws Exception {
        // given
        answered();

        // when
        telephony.close();

        // then
        caller.awaitRequest(Request.BYE, WAIT);
        assertThat(events.events()).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }
}
