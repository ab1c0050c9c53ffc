package io.switchboard.adapter.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registration with a trunk that wants it, against a real peer as the registrar: digest challenge answered,
 * refreshed before the expiry it grants, removed at stop.
 */
class SipTrunkRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent registrar;
    private SipTelephony telephony;

    @AfterEach
    void stop() {
        if (telephony != null) {
            telephony.close();
        }
        if (registrar != null) {
            registrar.close();
        }
        media.close();
    }

    private List<Request> registers() {
        return registrar.requests().stream().filter(r -> r.getMethod().equals(Request.REGISTER)).toList();
    }

    @Test
    void registersAnsweringTheChallengeRefreshesBeforeTheGrantedExpiryAndRemovesItAtStop() throws Exception {
        // given: a registrar that challenges and grants 2 s
        int port = freeUdpPort();
        registrar = TestUserAgent.start(port).challenge(401, "acme", "s3cret").grantRegistration(2);
        SipConfig config = configWithTrunk(port, Optional.of("acme:s3cret"));
        SipConfig registering = new SipConfig(config.host(), config.port(),
                config.trunk().map(trunk -> trunk.withRegistration(Duration.ofSeconds(600))), config.users(),
                config.defaultCallerId(), config.t1());

        // when
        telephony = SipTelephony.start(registering, media.engine, events, incoming);

        // then: challenged, answered, registered
        await().atMost(WAIT).until(() -> telephony.trunkRegistration().orElse("").startsWith("registered until"));
        Request first = registers().get(0);
        Request answered = registers().get(1);
        assertThat(first.getHeader(AuthorizationHeader.NAME)).isNull();
        assertThat(answered.getHeader(AuthorizationHeader.NAME).toString()).contains("username=\"acme\"");
        assertThat(((ExpiresHeader) first.getHeader(ExpiresHeader.NAME)).getExpires()).isEqualTo(600);
        SipURI contact = (SipURI) ((ContactHeader) answered.getHeader(ContactHeader.NAME)).getAddress().getURI();
        assertThat(contact.getUser()).isEqualTo("acme");
        assertThat(contact.getPort()).isEqualTo(config.port());
        assertThat(first.getHeader("Call-ID").toString()).isEqualTo(answered.getHeader("Call-ID").toString());

        // and refreshed before the 2 s granted run out (85 %: after 1.7 s)
        await().atMost(WAIT).until(() -> registers().size() >= 4);
        assertThat(telephony.trunkRegistration().orElseThrow()).startsWith("registered until");

        // when
        int before = registers().size();
        telephony.close();

        // then: the registration is removed
        await().atMost(WAIT).until(() -> registers().stream().skip(before - 1L).anyMatch(r ->
                ((ExpiresHeader) r.getHeader(ExpiresHeader.NAME)).getExpires() == 0));
    }

    @Test
    void reportsAFailedRegistrationWithTheTrunksAnswer() throws Exception {
        // given: a registrar that challenges, and credentials it does not take
        int port = freeUdpPort();
        registrar = TestUserAgent.start(port).challenge(401, "acme", "right");
        SipConfig config = configWithTrunk(port, Optional.of("acme:wrong"));
        SipConfig registering = new SipConfig(config.host(), config.port(),
                config.trunk().map(trunk -> trunk.withRegistration(Duration.ofSeconds(600))), config.users(),
                config.defaultCallerId(), config.t1());

        // when
        telephony = SipTelephony.start(registering, media.engine, events, incoming);

        // then
        await().atMost(WAIT).until(() -> telephony.trunkRegistration().orElse("").startsWith("failed"));
        assertThat(telephony.trunkRegistration().orElseThrow())
                .isEqualTo("failed: SIP 401 Unauthorized; trying again in 30 s");
    }
}
