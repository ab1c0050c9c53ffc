package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.digest.Digest;
import io.switchboard.adapter.sip.digest.DigestChallenge;
import io.switchboard.application.port.in.DevicePasswordsUseCase;
import io.switchboard.application.port.out.DialogRecords;
import io.switchboard.application.port.out.RegistrationRecords;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices registering for the Identity API's users: a device (plain datagrams) registers with digest, the user's
 * voip token as password, for a test UA that then rings when the user is dialled.
 */
class SipRegistrarTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String USER = "res_u1";
    private static final CommunicationUserIdentifier USER_ID = new CommunicationUserIdentifier("8:acs:" + USER);
    private static final String PRIVATE_CONTACT = "sip:" + USER + "@10.9.9.9:5060";
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI4OmFjczpyZXNfdTEifQ.c2lnbmF0dXJl";

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private final Map<String, List<String>> passwords = new ConcurrentHashMap<>();
    private final DevicePasswordsUseCase devices = user ->
            CompletableFuture.completedFuture(passwords.getOrDefault(user, List.of()));
    private final KeptRegistrations kept = new KeptRegistrations();
    private TestUserAgent phone;
    private SipTelephony telephony;
    private DatagramSocket device;
    private int sipPort;
    private int phonePort;
    private int cseq;

    @BeforeEach
    void start() throws Exception {
        phonePort = freeUdpPort();
        phone = TestUserAgent.start(phonePort);
        sipPort = freeUdpPort();
        telephony = startTelephony();
        device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        device.setSoTimeout((int) WAIT.toMillis());
        passwords.put(USER_ID.rawId(), List.of("an-older-token", TOKEN));
    }

    private SipTelephony startTelephony() {
        return SipTelephony.start(new SipConfig("127.0.0.1", sipPort, Optional.empty(), Map.of(), "switchboard",
                Duration.ofMillis(50)), media.engine, events, incoming, DialogRecords.NONE, Optional.of(devices), kept);
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        if (telephony != null) {
            telephony.close();
        }
        if (phone != null) {
            phone.close();
        }
        media.close();
    }

    @Test
    void aDeviceRegisteredWithTheUsersTokenRingsWhenTheUserIsDialled() throws Exception {
        // given: nobody has registered yet
        assertThat(telephony.canReach(USER_ID)).isFalse();

        // when
        String challenge = register(Optional.empty(), 600);
        String accepted = register(Optional.of(answer(challenge, TOKEN)), 600);

        // then
        assertThat(challenge).startsWith("SIP/2.0 401").contains("realm=\"switchboard\"").contains("qop=\"auth\"");
        assertThat(accepted).startsWith("SIP/2.0 200").containsPattern("(?i)expires=600");
        assertThat(telephony.canReach(USER_ID)).isTrue();
        telephony.dial(dial(USER_ID, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(SipFixtures.LEG));
        Request invite = phone.await(Request.INVITE, WAIT);
        assertThat(invite.getRequestURI().toString()).startsWith("sip:" + USER + "@127.0.0.1:" + phonePort);
    }

    @Test
    void refusesAWrongPasswordAndANonceItDidNotMake() throws Exception {
        // when
        String challenge = register(Optional.empty(), 600);
        String wrong = register(Optional.of(answer(challenge, "not-a-token")), 600);
        String forged = register(Optional.of(answer(challenge.replaceAll("nonce=\"[^\"]+\"",
                "nonce=\"AAAAAAAAAAA.0123456789abcdef0123456789abcdef\""), TOKEN)), 600);

        // then
        assertThat(wrong).startsWith("SIP/2.0 403");
        assertThat(forged).startsWith("SIP/2.0 401");
        assertThat(telephony.canReach(USER_ID)).isFalse();
    }

    @Test
    void aRevokedTokenNoLongerRegistersAndExpiresZeroUnregisters() throws Exception {
        // given: registered
        register(Optional.of(answer(register(Optional.empty(), 600), TOKEN)), 600);
        assertThat(telephony.canReach(USER_ID)).isTrue();

        // when: the device unregisters, then the tokens are revoked
        String removed = register(Optional.of(answer(register(Optional.empty(), 0), TOKEN)), 0);
        passwords.put(USER_ID.rawId(), List.of());
        String refused = register(Optional.of(answer(register(Optional.empty(), 600), TOKEN)), 600);

        // then
        assertThat(removed).startsWith("SIP/2.0 200");
        assertThat(refused).startsWith("SIP/2.0 403");
        assertThat(telephony.canReach(USER_ID)).isFalse();
    }

    @Test
    void aDeviceRegisteredBeforeARestartIsCalledAtOnceAfterIt() throws Exception {
        // given: registered, kept in the records
        register(Optional.of(answer(register(Optional.empty(), 600), TOKEN)), 600);
        assertThat(kept.byUser).containsKey(USER_ID.rawId());

        // when: the server stops and starts again (same port, same records), and the device does not register
        telephony.close();
        telephony = startTelephony();

        // then: the user is reachable, and dialling rings the device
        assertThat(telephony.canReach(USER_ID)).isTrue();
        telephony.dial(dial(USER_ID, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(SipFixtures.LEG));
        assertThat(phone.await(Request.INVITE, WAIT).getRequestURI().toString())
                .startsWith("sip:" + USER + "@127.0.0.1:" + phonePort);

        // and once it unregisters, a later start does not reach it
        register(Optional.of(answer(register(Optional.empty(), 0), TOKEN)), 0);
        telephony.close();
        telephony = startTelephony();
        assertThat(telephony.canReach(USER_ID)).isFalse();
    }

    @Test
    void aDeviceBehindNatIsCalledWhereItsRegisterCameFrom() throws Exception {
        // given: its Contact names a private address it cannot be reached at
        register(Optional.of(answer(register(Optional.empty(), 600, PRIVATE_CONTACT), TOKEN)), 600, PRIVATE_CONTACT);

        // when
        telephony.dial(dial(USER_ID, WAIT));

        // then: the INVITE comes to the device's own socket
        byte[] buffer = new byte[8192];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        device.receive(packet);
        assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                .startsWith("INVITE sip:" + USER + "@127.0.0.1:" + device.getLocalPort());
    }

    private String register(Optional<String> authorization, int expires) throws IOException {
        return register(authorization, expires, "sip:" + USER + "@127.0.0.1:" + phonePort);
    }

    /** Sends a REGISTER for the user with the given Contact; the final response. */
    private String register(Optional<String> authorization, int expires, String contact) throws IOException {
        cseq++;
        String message = "REGISTER sip:127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + device.getLocalPort() + ";branch=z9hG4bK-reg-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + USER + "@127.0.0.1>;tag=device\r\n"
                + "To: <sip:" + USER + "@127.0.0.1>\r\n"
                + "Call-ID: registrar-test-" + device.getLocalPort() + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <" + contact + ">\r\n"
                + "Expires: " + expires + "\r\n"
                + authorization.map(value -> "Authorization: " + value + "\r\n").orElse("")
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        device.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", sipPort)));
        byte[] buffer = new byte[8192];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            device.receive(packet);
            String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (!response.startsWith("SIP/2.0 1")) {
                return response;
            }
        }
    }

    private String answer(String challenge, String password) {
        Matcher header = Pattern.compile("(?mi)^WWW-Authenticate:(.*)$").matcher(challenge);
        assertThat(header.find()).as("a challenge in %s", challenge).isTrue();
        return Digest.authorization(DigestChallenge.parse(header.group(1).strip()), USER, password, "REGISTER",
                "sip:127.0.0.1:" + sipPort, 1, "cnonce-" + cseq);
    }

    /** The records a journal would keep, in memory: what survives a restart of the adapter. */
    private static final class KeptRegistrations implements RegistrationRecords {

        final Map<String, Registration> byUser = new ConcurrentHashMap<>();

        @Override
        public void bound(Registration registration) {
            byUser.put(registration.user(), registration);
        }

        @Override
        public void unbound(String user) {
            byUser.remove(user);
        }

        @Override
        public List<Registration> kept(Instant now) {
            return byUser.values().stream().filter(r -> r.expires().isAfter(now)).toList();
        }
    }
}
