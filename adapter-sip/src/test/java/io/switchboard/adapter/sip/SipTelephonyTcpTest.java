package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.TestUserAgent.Behaviour;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SIP over TCP against real peers (the test UA as a {@code ;transport=tcp} trunk, the test caller), real media on
 * loopback.
 */
class SipTelephonyTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration T1 = Duration.ofMillis(50);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent ua;
    private TestCaller caller;
    private SipTelephony telephony;
    private int uaPort;

    @AfterEach
    void stop() {
        if (telephony != null) {
            telephony.close();
        }
        if (ua != null) {
            ua.close();
        }
        if (caller != null) {
            caller.close();
        }
        media.close();
    }

    /** The adapter with a trunk (and alice) on the test UA, over TCP. */
    private void startWithTcpTrunk(Optional<String> credentials) throws Exception {
        uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, credentials, SipTransport.TCP, T1), media.engine, events,
                incoming);
    }

    /** The adapter called by the test caller over TCP; carol is reached over TCP, the trunk over UDP. */
    private int startCalledOverTcp() throws Exception {
        caller = TestCaller.start(freeUdpPort()).over(SipTransport.TCP);
        int adapterPort = freeUdpPort();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", adapterPort,
                Optional.of(SipTrunk.parse("sip:127.0.0.1:5098")),
                Map.of("8:acs:carol", "sip:carol@127.0.0.1:5099;transport=tcp"), "switchboard", T1),
                media.engine, events, incoming);
        return adapterPort;
    }

    private static String via(Request request) {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport();
    }

    @Test
    void dropsAConnectionThatDeclaresAMessageOverTheSizeLimitWithoutTakingTheMemory() throws Exception {
        // given
        int port = startCalledOverTcp();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        // when: a 60-byte body declared as 200 MB
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String invite = "INVITE sip:+14255550100@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-huge\r\n"
                    + "From: <sip:mallory@127.0.0.1>;tag=1\r\nTo: <sip:+14255550100@127.0.0.1>\r\n"
                    + "Call-ID: huge@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sip:mallory@127.0.0.1:5999;transport=tcp>\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: 200000000\r\n\r\n" + "v=0\r\n".repeat(12);
            socket.getOutputStream().write(invite.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            // then: the connection is closed, the 200 MB never allocated, no call offered
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        System.gc();
        assertThat(memory.getHeapMemoryUsage().getUsed() - heapBefore).isLessThan(50L * 1024 * 1024);
        assertThat(incoming.offers()).isEmpty();
    }

    @Test
    void dialsATcpTrunkAndHangsUpOverTcp() throws Exception {
        // given
        startWithTcpTrunk(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

        // when
        telephony.hangUp(LEG);

        // then
        Request invite = ua.await(Request.INVITE, WAIT);
        Request ack = ua.await(Request.ACK, WAIT);
        Request bye = ua.await(Request.BYE, WAIT);
        assertThat(ua.arrivedOver(invite)).isEqualTo(SipTransport.TCP);
        assertThat(ua.arrivedOver(ack)).isEqualTo(SipTransport.TCP);
        assertThat(ua.arrivedOver(bye)).isEqualTo(SipTransport.TCP);
        assertThat(via(invite)).isEqualTo("TCP");
        assertThat(via(bye)).isEqualTo("TCP");
        assertThat(invite.getRequestURI().toString()).endsWith(";transport=tcp");
        assertThat(invite.getHeader(ContactHeader.NAME).toString()).contains(";transport=tcp");
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void reportsTheRemoteHangUpAndAnswersAReInviteOverTcp() throws Exception {
        // given
        startWithTcpTrunk(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);

        // when
        String answer = ua.reInvite(40_000);
        int status = ua.hangUp().getStatusCode();

        // then
        assertThat(answer).contains("m=audio " + ua.switchboardMedia().port() + " RTP/AVP 0 101");
        assertThat(status).isEqualTo(200);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
    }

    @Test
    void transfersALegOverTcpToAnAddressWithItsTransport() throws Exception {
        // given: the UA takes the REFER and reports the target answered
        startWithTcpTrunk(Optional.empty());
        telephony.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);

        // when
        CompletableFuture<Void> transferred = telephony.transfer(CALL, LEG, new PhoneNumberIdentifier("+14255550199"))
                .toCompletableFuture();

        // then
        transferred.get(5, TimeUnit.SECONDS);
        Request refer = ua.await(Request.REFER, WAIT);
        assertThat(ua.arrivedOver(refer)).isEqualTo(SipTransport.TCP);
        assertThat(refer.getHeader("Refer-To").toString().trim())
                .isEqualTo("Refer-To: <sip:+14255550199@127.0.0.1:" + uaPort + ";transport=tcp>");
        assertThat(refer.getHeader(ContactHeader.NAME).toString()).contains(";transport=tcp");
        assertThat(ua.awaitNotifyResponses(2, WAIT)).containsExactly(200, 200);
        assertThat(ua.arrivedOver(ua.await(Request.BYE, WAIT))).isEqualTo(SipTransport.TCP);
        assertThat(events.events()).containsExactly(new Answered(LEG));
    }

    @Test
    void reportsBusyOverTcp() throws Exception {
        // given
        startWithTcpTrunk(Optional.empty());
        ua.behave(Behaviour.BUSY);

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.busy("SIP 486 Busy here")));
        assertThat(ua.arrivedOver(ua.await(Request.INVITE, WAIT))).isEqualTo(SipTransport.TCP);
    }

    @Test
    void cancelsOverTcpWhenNobodyAnswers() throws Exception {
        // given
        startWithTcpTrunk(Optional.empty());
        ua.behave(Behaviour.RING_FOREVER);

        // when
        telephony.dial(dial(CALLEE, Duration.ofSeconds(1)));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(
                new Ended(LEG, ResultInformation.unavailable("no answer after 1 s")));
        Request cancel = ua.await(Request.CANCEL, WAIT);
        assertThat(ua.arrivedOver(cancel)).isEqualTo(SipTransport.TCP);
        assertThat(via(cancel)).isEqualTo("TCP");
    }

    @Test
    void answersADigestChallengeOverTcp() throws Exception {
        // given
        startWithTcpTrunk(Optional.of("user:secret"));
        ua.challenge(407, "user", "secret");

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        Request first = ua.await(Request.INVITE, WAIT);
        Request retry = ua.await(Request.INVITE, WAIT);
        assertThat(retry.getHeader("Proxy-Authorization").toString()).contains("username=\"user\"");
        assertThat(ua.arrivedOver(first)).isEqualTo(SipTransport.TCP);
        assertThat(ua.arrivedOver(retry)).isEqualTo(SipTransport.TCP);
        assertThat(via(retry)).isEqualTo("TCP");
    }

    @Test
    void dialsAUserWhoseAddressSaysTcpOverTcp() throws Exception {
        // given
        startWithTcpTrunk(Optional.empty());

        // when
        telephony.dial(dial(new CommunicationUserIdentifier("8:acs:alice"), WAIT));

        // then
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        Request invite = ua.await(Request.INVITE, WAIT);
        assertThat(invite.getRequestURI().toString()).startsWith("sip:alice@127.0.0.1:").endsWith(";transport=tcp");
        assertThat(ua.arrivedOver(invite)).isEqualTo(SipTransport.TCP);
    }

    @Test
    void goesOnSignallingOtherLegsWhileATcpTrunkLeavesTheConnectionAttemptUnanswered() throws Exception {
        // given: a trunk whose TCP port takes no more connections (its queue full: the kernel drops further SYNs, as a
        // firewall that drops them does), and alice reached over TCP too
        uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        try (ServerSocket hole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Fill queue = Fill.of(hole)) {
            telephony = SipTelephony.start(new SipConfig("127.0.0.1", freeUdpPort(),
                    Optional.of(SipTrunk.parse("sip:127.0.0.1:" + hole.getLocalPort() + ";transport=tcp")),
                    Map.of("8:acs:alice", "sip:alice@127.0.0.1:" + uaPort + ";transport=tcp"), "switchboard", T1),
                    media.engine, events, incoming);

            // when: a leg to the trunk, then one to alice
            telephony.dial(dial(CALLEE, Duration.ofSeconds(60)));
            LegId alice = LegId.of("leg-2");
            telephony.dial(new DialRequest(CALL, alice, new CommunicationUserIdentifier("8:acs:alice"),
                    Optional.empty(), WAIT));

            // then: alice's connection opens, her INVITE goes out and she answers while the trunk's connection attempt
            // still hangs (its leg ends only after that)
            assertThat(ua.await(Request.INVITE, WAIT)).isNotNull();
            assertThat(events.await(1, WAIT)).containsExactly(new Answered(alice));

            // and the trunk's leg ends as unavailable once the attempt times out
            ResultInformation cause = events.awaitEnded(LEG, Duration.ofSeconds(SipEndpoint.CONNECT_TIMEOUT_MILLIS
                    / 1000 + 5));
            assertThat(cause.subCode()).isEqualTo(8541);
            assertThat(cause.message()).contains("could not connect to 127.0.0.1:" + hole.getLocalPort());
        }
    }

    @Test
    void aLegHungUpWhileItsTcpConnectionIsBeingOpenedSendsNoInviteAndIsForgotten() throws Exception {
        // given: a leg to a trunk whose TCP port takes no more connections
        try (ServerSocket hole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Fill queue = Fill.of(hole)) {
            telephony = SipTelephony.start(configWithTrunk(hole.getLocalPort(), Optional.empty(), SipTransport.TCP,
                    T1), media.engine, events, incoming);
            telephony.dial(dial(CALLEE, Duration.ofSeconds(60)));
            media.awaitSessions(1);

            // when
            telephony.hangUp(LEG);

            // then: reported at once; once the attempt gives up, the leg and its media are gone, nothing was sent
            assertThat(events.awaitEnded(LEG, WAIT).subCode()).isEqualTo(ResultInformation.canceled("").subCode());
            Awaitility.await("the leg's media closed").atMost(Duration.ofMillis(SipEndpoint.CONNECT_TIMEOUT_MILLIS)
                    .plus(WAIT)).until(() -> media.engine.activeSessions() == 0);
            assertThat(events.events()).hasSize(1);
        }
    }

    /** Connections that fill a listening socket's accept queue, which nobody accepts from. */
    private record Fill(List<Socket> sockets) implements AutoCloseable {

        static Fill of(ServerSocket hole) throws IOException {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // the queue holds backlog + 1 on Linux
                Socket socket = new Socket();
                sockets.add(socket);
                try {
                    socket.connect(hole.getLocalSocketAddress(), 300);
                } catch (SocketTimeoutException full) {
                    return new Fill(sockets);
                }
            }
            throw new IllegalStateException("the accept queue of " + hole + " did not fill");
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void endsALegQuicklyAsUnavailableWhenThePeerRefusesTheTcpConnection() throws Exception {
        // given: nothing listens on the trunk's TCP port; T1 500 ms, so Timer B would take 32 s
        int closedPort = freeUdpPort();
        telephony = SipTelephony.start(configWithTrunk(closedPort, Optional.empty(), SipTransport.TCP,
                Duration.ofMillis(500)), media.engine, events, incoming);

        // when
        telephony.dial(dial(CALLEE, Duration.ofSeconds(60)));

        // then
        ResultInformation cause = events.awaitEnded(LEG, Duration.ofSeconds(3));
        assertThat(cause.subCode()).isEqualTo(8541);
        assertThat(cause.message()).isEqualTo("Callee is unavailable. SIP INVITE could not be sent over TCP to "
                + "sip:+14255550123@127.0.0.1:" + closedPort + ";transport=tcp: could not connect to 127.0.0.1:"
                + closedPort + " (Connection refused)");
        media.awaitSessions(0);
    }

    @Test
    void answersACallOverTcpThatTheCallerHangsUp() throws Exception {
        // given
        int adapterPort = startCalledOverTcp();
        caller.call("sip:+14255550123@127.0.0.1:" + adapterPort, "<sip:+18005550100@127.0.0.1:" + caller.port()
                + ";transport=tcp>", TestCaller.offer(caller.rtp().port(), "0"));
        OfferedCall call = incoming.awaitOffer(WAIT).call();

        // when
        call.answer(CALL, LEG);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        int status = caller.hangUp().getStatusCode();

        // then
        Response ok = caller.awaitResponse(Request.INVITE, Response.OK, WAIT);
        assertThat(ok.getHeader(ContactHeader.NAME).toString())
                .contains("sip:switchboard@127.0.0.1:" + adapterPort + ";transport=tcp");
        assertThat(status).isEqualTo(200);
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.REMOTE_HUNG_UP));
    }

    @Test
    void hangsUpACallThatCameOverTcpOverTcp() throws Exception {
        // given
        int adapterPort = startCalledOverTcp();
        caller.call("sip:+14255550123@127.0.0.1:" + adapterPort, "<sip:+18005550100@127.0.0.1:" + caller.port()
                + ";transport=tcp>", TestCaller.offer(caller.rtp().port(), "0"));
        incoming.awaitOffer(WAIT).call().answer(CALL, LEG);
        events.await(1, WAIT);

        // when
        telephony.hangUp(LEG);

        // then
        Request bye = caller.awaitRequest(Request.BYE, WAIT);
        assertThat(caller.arrivedOver(bye)).isEqualTo(SipTransport.TCP);
        assertThat(via(bye)).isEqualTo("TCP");
        assertThat(events.await(2, WAIT)).containsExactly(new Answered(LEG),
                new Ended(LEG, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void redirectsToAnAddressWithItsTransport() throws Exception {
        // given
        int adapterPort = startCalledOverTcp();
        caller.call("sip:+14255550123@127.0.0.1:" + adapterPort, "<sip:+18005550100@127.0.0.1>",
                TestCaller.offer(caller.rtp().port(), "0"));
        OfferedCall call = incoming.awaitOffer(WAIT).call();

        // when
        call.redirect(new CommunicationUserIdentifier("8:acs:carol")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        Response moved = caller.awaitFinal(WAIT);
        assertThat(moved.getStatusCode()).isEqualTo(Response.MOVED_TEMPORARILY);
        assertThat(moved.getHeader(ContactHeader.NAME).toString().trim())
                .isEqualTo("Contact: <sip:carol@127.0.0.1:5099;transport=tcp>");
    }

    @Test
    void refusesToStartOnAPortTakenOnTcp() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), freeUdpPort()));
            SipConfig config = configWithTrunk(5080, Optional.empty());
            SipConfig onTakenPort = new SipConfig(config.host(), taken.getLocalPort(), config.trunk(), config.users(),
                    config.defaultCallerId(), config.t1());

            assertThatThrownBy(() -> SipTelephony.start(onTakenPort, media.engine, events, incoming))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("SIP: cannot listen on tcp 127.0.0.1:" + taken.getLocalPort()
                            + " (expected: a free local address and port, on UDP and TCP; check SWITCHBOARD_SIP_HOST "
                            + "and SWITCHBOARD_SIP_PORT)");
            // the UDP listening point it had opened is closed again
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort())).close();
        }
    }
}
