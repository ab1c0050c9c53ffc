package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server behind NAT: it listens on 127.0.0.1 but says 127.0.0.5 in SIP and 127.0.0.6 in SDP, as a cloud machine
 * says its public address. The test UA (a real JAIN-SIP peer) sees only the public addresses, and the call still works
 * because answers go where the requests really came from (Via {@code received}, {@code rport}).
 */
class SipTelephonyNatTest extends WithTestUserAgent {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Advertised PUBLIC = new Advertised(Optional.of("127.0.0.5"), Optional.of("127.0.0.6"));

    @Test
    void writesThePublicAddressesIntoViaContactAndSdpAndStillConnectsAndHangsUp() throws Exception {
        // given
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        SipConfig config = configWithTrunk(uaPort, Optional.empty()).withAdvertised(PUBLIC);
        telephony = SipTelephony.start(config, media.engine, events, incoming);

        // when
        telephony.dial(dial(CALLEE, WAIT));

        // then: the INVITE says the public addresses only
        Request invite = ua.await(Request.INVITE, WAIT);
        ViaHeader via = (ViaHeader) invite.getHeader(ViaHeader.NAME);
        assertThat(via.getHost()).isEqualTo("127.0.0.5");
        assertThat(via.getPort()).isEqualTo(config.port());
        assertThat(via.toString()).contains("rport");
        assertThat(via.getReceived()).as("the UA saw the request come from elsewhere").isEqualTo("127.0.0.1");
        assertThat(((SipURI) ((ContactHeader) invite.getHeader(ContactHeader.NAME)).getAddress().getURI()).getHost())
                .isEqualTo("127.0.0.5");
        String sdp = new String(invite.getRawContent(), StandardCharsets.UTF_8);
        assertThat(sdp).contains("c=IN IP4 127.0.0.6").doesNotContain("127.0.0.1");
        assertThat(ua.switchboardMedia().address()).isEqualTo("127.0.0.6");
        // and the call connects: the 200 went back to where the INVITE came from
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        ua.await(Request.ACK, WAIT);
        assertThat(telephony.codec(LEG)).as("the codec the answer chose").hasValue("PCMU");

        // when: hung up from here (a BYE the stack builds from the dialog)
        telephony.hangUp(LEG);

        // then
        Request bye = ua.await(Request.BYE, WAIT);
        assertThat(((ViaHeader) bye.getHeader(ViaHeader.NAME)).getHost()).isEqualTo("127.0.0.5");
        assertThat(events.await(2, WAIT).get(1)).isInstanceOf(Ended.class);
        assertThat(telephony.codec(LEG)).isEmpty();
    }
}
