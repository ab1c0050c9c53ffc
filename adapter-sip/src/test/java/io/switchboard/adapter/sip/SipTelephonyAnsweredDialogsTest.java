package io.switchboard.adapter.sip;

import gov.nist.javax.sip.stack.SIPDialog;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.SipFixtures.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An answered leg's dialog lets its INVITE go (the INVITE's transaction, the INVITE and the answer, parsed) once the
 * ACK of the answer is sent or received, dialled and incoming alike (see {@link AnsweredDialogs}), and the leg still
 * ends in that dialog. JAIN-SIP keeps all of it for as long as the call lasts otherwise.
 */
class SipTelephonyAnsweredDialogsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent ua;
    private TestCaller caller;
    private SipTelephony telephony;

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

    @Test
    void aDialledLegsDialogLetsItsInviteGoOnceOurAckIsSentAndTheLegStillHangsUp() throws Exception {
        // given
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming);

        // when: the leg is answered, and acknowledged
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        Request invite = ua.await(Request.INVITE, WAIT);

        // then
        await().atMost(WAIT).until(() -> released(onlyDialog()));
        telephony.hangUp(LEG);
        assertThat(callId(ua.await(Request.BYE, WAIT))).isEqualTo(callId(invite));
    }

    @Test
    void anIncomingCallsDialogLetsItsInviteGoOnceTheCallersAckArrivesAndTheCallStillHangsUp() throws Exception {
        // given: a call to this server, answered
        caller = TestCaller.start(freeUdpPort());
        int port = freeUdpPort();
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", port, Optional.empty(), Map.of(), "switchboard",
                Duration.ofMillis(50)), media.engine, events, incoming);
        caller.call("sip:+14255550123@127.0.0.1:" + port, "<sip:+18005550100@127.0.0.1>",
                TestCaller.offer(caller.rtp().port(), "0 101"));
        incoming.awaitOffer(WAIT).call().answer(CALL, LEG);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

        // when: the caller acknowledges the answer
        Response ok = caller.awaitResponse(Request.INVITE, Response.OK, WAIT);

        // then
        await().atMost(WAIT).until(() -> released(onlyDialog()));
        telephony.hangUp(LEG);
        assertThat(callId(caller.awaitRequest(Request.BYE, WAIT))).isEqualTo(callId(ok));
    }

    private SIPDialog onlyDialog() {
        Collection<Dialog> dialogs = telephony.dialogs();
        assertThat(dialogs).hasSize(1);
        return (SIPDialog) dialogs.iterator().next();
    }

    /** Whether the dialog holds neither its first transaction nor the INVITE it began with (JAIN-SIP's own fields). */
    private static boolean released(SIPDialog dialog) throws ReflectiveOperationException {
        return field(dialog, "firstTransaction") == null && field(dialog, "originalRequest") == null;
    }

    private static Object field(SIPDialog dialog, String name) throws ReflectiveOperationException {
        Field field = SIPDialog.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(dialog);
    }

    private static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
