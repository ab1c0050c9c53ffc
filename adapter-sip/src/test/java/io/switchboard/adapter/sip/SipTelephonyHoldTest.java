package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Held;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;

/** Hold on the wire (RFC 3264 §8.4): re-INVITEs to a real peer saying {@code a=sendonly}, then {@code a=sendrecv}. */
class SipTelephonyHoldTest extends WithTestUserAgent {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A leg to the test UA, answered and acknowledged; its INVITE. */
    private Request answeredLeg() throws Exception {
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming);
        telephony.dial(dial(CALLEE, WAIT));
        Request invite = ua.await(Request.INVITE, WAIT);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        ua.await(Request.ACK, WAIT);
        return invite;
    }

    @Test
    void holdsAndReleasesAnAnsweredLegWithReInvitesInItsDialog() throws Exception {
        // given
        Request first = answeredLeg();

        // when
        telephony.setHeld(LEG, true);

        // then: a re-INVITE in the dialog, our media one way, acknowledged
        Request hold = ua.await(Request.INVITE, WAIT);
        assertThat(((ToHeader) hold.getHeader(ToHeader.NAME)).getTag()).isEqualTo("ua-tag");
        assertThat(hold.getHeader("Call-ID").toString()).isEqualTo(first.getHeader("Call-ID").toString());
        assertThat(((CSeqHeader) hold.getHeader(CSeqHeader.NAME)).getSeqNumber())
                .isGreaterThan(((CSeqHeader) first.getHeader(CSeqHeader.NAME)).getSeqNumber());
        String held = new String(hold.getRawContent(), StandardCharsets.UTF_8);
        assertThat(held).contains("a=sendonly").doesNotContain("a=sendrecv");
        ua.await(Request.ACK, WAIT);

        // when
        telephony.setHeld(LEG, false);

        // then
        Request unhold = ua.await(Request.INVITE, WAIT);
        assertThat(new String(unhold.getRawContent(), StandardCharsets.UTF_8)).contains("a=sendrecv");
        ua.await(Request.ACK, WAIT);
        assertThat(events.events()).containsExactly(new Answered(LEG)); // the call goes on
        assertThat(held).contains("o=switchboard ").contains(" 2 IN IP4"); // a new version of the session
    }

    @Test
    void reportsAHoldFromThePhoneAndAnswersItRecvonly() throws Exception {
        // given
        answeredLeg();

        // when: the phone holds, holds again, then releases
        String answer = ua.reInvite(ua.rtp().port(), "sendonly");
        ua.reInvite(ua.rtp().port(), "sendonly");
        String released = ua.reInvite(ua.rtp().port(), "sendrecv");

        // then: reported on each change only, answered as RFC 3264 says
        assertThat(answer).contains("a=recvonly");
        assertThat(released).contains("a=sendrecv");
        assertThat(events.await(3, WAIT)).containsExactly(new Answered(LEG), new Held(LEG, true),
                new Held(LEG, false));
    }
}
