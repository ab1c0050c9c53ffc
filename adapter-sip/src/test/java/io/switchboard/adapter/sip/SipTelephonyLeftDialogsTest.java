package io.switchboard.adapter.sip;

import gov.nist.javax.sip.stack.SIPDialog;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.application.port.out.DialogRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dialogs of answered legs: each lets its INVITE go (the INVITE's transaction, the INVITE and the answer, parsed)
 * once the ACK of the answer is sent or received, dialled and incoming alike (see {@link AnsweredDialogs}; JAIN-SIP
 * keeps all of it for as long as the call lasts otherwise); kept while they last, and a server started after a crash
 * ending those it kept with a BYE the far end takes as its dialog's.
 */
class SipTelephonyLeftDialogsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Dialog records in memory, as the journal would keep them. */
    private static final class Kept implements DialogRecords {
        final Map<String, Dialog> open = new ConcurrentHashMap<>();

        @Override
        public void opened(Dialog dialog) {
            open.put(dialog.leg(), dialog);
        }

        @Override
        public void closed(String leg) {
            open.remove(leg);
        }

        @Override
        public List<Dialog> leftOpen() {
            return List.copyOf(open.values());
        }
    }

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private final Kept kept = new Kept();
    private TestUserAgent ua;
    private TestCaller caller;
    private int uaPort;
    private SipTelephony first;
    private SipTelephony second;

    @AfterEach
    void stop() {
        for (SipTelephony telephony : new SipTelephony[] {first, second}) {
            if (telephony != null) {
                telephony.close();
            }
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
        // when: a dialled leg is answered, and acknowledged
        Request invite = dialledAndAnswered();

        // then
        await().atMost(WAIT).until(() -> released(onlyDialog(first)));
        first.hangUp(LEG);
        assertThat(callId(ua.await(Request.BYE, WAIT))).isEqualTo(callId(invite));
    }

    @Test
    void anIncomingCallsDialogLetsItsInviteGoOnceTheCallersAckArrivesAndTheCallStillHangsUp() throws Exception {
        // given: a call to this server, answered
        caller = TestCaller.start(freeUdpPort());
        int port = freeUdpPort();
        first = SipTelephony.start(new SipConfig("127.0.0.1", port, Optional.empty(), Map.of(), "switchboard",
                Duration.ofMillis(50)), media.engine, events, incoming, kept);
        caller.call("sip:+14255550123@127.0.0.1:" + port, "<sip:+18005550100@127.0.0.1>",
                TestCaller.offer(caller.rtp().port(), "0 101"));
        incoming.awaitOffer(WAIT).call().answer(CALL, LEG);
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

        // when: the caller acknowledges the answer
        Response ok = caller.awaitResponse(Request.INVITE, Response.OK, WAIT);

        // then
        await().atMost(WAIT).until(() -> released(onlyDialog(first)));
        first.hangUp(LEG);
        assertThat(callId(caller.awaitRequest(Request.BYE, WAIT))).isEqualTo(callId(ok));
    }

    @Test
    void keepsAnAnsweredLegsDialogUntilItEnds() throws Exception {
        // when
        dialledAndAnswered();

        // then: kept once answered, forgotten once hung up
        await().atMost(WAIT).until(() -> kept.open.containsKey(LEG.value()));
        first.hangUp(LEG);
        ua.await(Request.BYE, WAIT);
        await().atMost(WAIT).until(kept.open::isEmpty);
    }

    @Test
    void aServerStartedAfterACrashEndsTheDialogsItKeptWithTheirOwnIdentity() throws Exception {
        // given: an answered leg whose dialog is kept
        Request invite = dialledAndAnswered();
        await().atMost(WAIT).until(() -> kept.open.containsKey(LEG.value()));

        // when: another server starts on what the first kept, as after a crash of the first
        second = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine,
                new RecordingTelephonyEvents(), new RecordingIncomingCalls(), kept);

        // then: the far end gets a BYE of its dialog (Call-ID, tags, a higher CSeq), and the record is gone
        Request bye = ua.await(Request.BYE, WAIT);
        assertThat(((CallIdHeader) bye.getHeader(CallIdHeader.NAME)).getCallId())
                .isEqualTo(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId());
        assertThat(((FromHeader) bye.getHeader(FromHeader.NAME)).getTag())
                .isEqualTo(((FromHeader) invite.getHeader(FromHeader.NAME)).getTag());
        assertThat(((ToHeader) bye.getHeader(ToHeader.NAME)).getTag()).isNotBlank();
        assertThat(((CSeqHeader) bye.getHeader(CSeqHeader.NAME)).getSeqNumber())
                .isGreaterThan(((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber());
        await().atMost(WAIT).until(kept.open::isEmpty);
    }

    /** Starts the test UA and a server with a trunk to it, and dials it; returns the INVITE it got, once answered. */
    private Request dialledAndAnswered() throws Exception {
        uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        first = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming, kept);
        first.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        return ua.await(Request.INVITE, WAIT);
    }

    private static SIPDialog onlyDialog(SipTelephony telephony) {
        Collection<javax.sip.Dialog> dialogs = telephony.dialogs();
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
