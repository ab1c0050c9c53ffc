package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.application.port.out.DialogRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.SipFixtures.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dialogs of answered legs kept while they last, and a server started after a crash ending those it kept with a
 * BYE the far end takes as its dialog's.
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
        media.close();
    }

    @Test
    void keepsAnAnsweredLegsDialogUntilItEnds() throws Exception {
        // given
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        first = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming, kept);

        // when
        first.dial(dial(CALLEE, WAIT));

        // then: kept once answered, forgotten once hung up
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        await().atMost(WAIT).until(() -> kept.open.containsKey(LEG.value()));
        first.hangUp(LEG);
        ua.await(Request.BYE, WAIT);
        await().atMost(WAIT).until(kept.open::isEmpty);
    }

    @Test
    void aServerStartedAfterACrashEndsTheDialogsItKeptWithTheirOwnIdentity() throws Exception {
        // given: an answered leg whose dialog is kept
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        first = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming, kept);
        first.dial(dial(CALLEE, WAIT));
        events.await(1, WAIT);
        Request invite = ua.await(Request.INVITE, WAIT);
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
}
