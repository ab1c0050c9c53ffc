package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.CALLER;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playback bookkeeping and media events over two of a call's three answered legs (a prompt for only some legs of a
 * call plays on each of them, not in the call's mix), with real media on loopback.
 */
class SipTelephonyPlaybackTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final LegId FIRST = LegId.of("leg-a");
    private static final LegId SECOND = LegId.of("leg-b");
    private static final LegId THIRD = LegId.of("leg-c");
    private static final MediaOperationId OPERATION = MediaOperationId.of("op-1");
    private static final AudioClip CLIP = new AudioClip("clip", new short[1600]);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent ua;
    private SipTelephony telephony;

    @BeforeEach
    void threeAnsweredLegs() throws Exception {
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media.engine, events, incoming);
        telephony.dial(new DialRequest(CALL, FIRST, CALLEE, Optional.of(CALLER), WAIT));
        events.await(1, WAIT);
        telephony.dial(new DialRequest(CALL, SECOND, CALLEE, Optional.of(CALLER), WAIT));
        events.await(2, WAIT);
        telephony.dial(new DialRequest(CALL, THIRD, CALLEE, Optional.of(CALLER), WAIT));
        assertThat(events.await(3, WAIT)).containsExactly(new Answered(FIRST), new Answered(SECOND),
                new Answered(THIRD));
    }

    @AfterEach
    void stop() {
        telephony.close();
        ua.close();
        media.close();
    }

    private static PlayEnded completed(MediaOperationId operation) {
        return new PlayEnded(CALL, PlayOperation.Outcome.completed(operation));
    }

    /** Waits for the playback's end and for whatever the adapter had still queued; how often it was reported. */
    private long reported(MediaOperationId operation) throws Exception {
        Awaitility.await("the end of " + operation).atMost(WAIT).until(() -> events.events().contains(
                completed(operation)));
        settle(telephony);
        return events.events().stream().filter(completed(operation)::equals).count();
    }

    @Test
    void reportsThePlaybackOnceWhenEveryLegFinishedOrEnded() throws Exception {
        // given: a second of audio to the first two legs
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(FIRST, SECOND),
                new AudioClip("second", new short[8000]), false));

        // when: the second leg ends while it plays, the first hears it to the end
        telephony.hangUp(SECOND);

        // then
        assertThat(reported(OPERATION)).isEqualTo(1);
        assertThat(events.events()).containsExactly(new Answered(FIRST), new Answered(SECOND),
                new Answered(THIRD), new Ended(SECOND, ResultInformation.HUNG_UP_BY_APPLICATION),
                completed(OPERATION));
    }

    @Test
    void reportsAPlaybackWhoseLegsAllEndedAtTheLastEnd() throws Exception {
        // given
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(FIRST, SECOND),
                new AudioClip("long", new short[8000 * 30]), false));

        // when
        telephony.hangUp(FIRST);
        telephony.hangUp(SECOND);

        // then
        assertThat(reported(OPERATION)).isEqualTo(1);
        assertThat(events.events()).endsWith(new Ended(FIRST, ResultInformation.HUNG_UP_BY_APPLICATION),
                completed(OPERATION), new Ended(SECOND, ResultInformation.HUNG_UP_BY_APPLICATION));
    }

    @Test
    void stopsAPlaybackOnEveryLegWithoutReportingIt() throws Exception {
        // given
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(FIRST, SECOND), CLIP, false));

        // when: stopped, then a second playback as long to the same legs
        telephony.stopPlayback(CALL, OPERATION);
        MediaOperationId second = MediaOperationId.of("op-2");
        telephony.play(new PlaybackRequest(CALL, second, List.of(FIRST, SECOND), CLIP, false));

        // then: the first, had it played on, would have ended first
        assertThat(reported(second)).isEqualTo(1);
        assertThat(events.events()).doesNotContain(completed(OPERATION));
    }

    @Test
    void reportsTonesOfAnsweredLegs() throws Exception {
        // given
        RemoteAudio second = ua.switchboardMediaOfEachLeg().get(1);

        // when
        ua.rtp().sendDigit(new InetSocketAddress(second.address(), second.port()), 101, 7, 1, 160);

        // then
        assertThat(events.await(4, WAIT)).endsWith(new ToneReceived(SECOND, Tone.SEVEN));
    }

    @Test
    void hangsUpALegWhoseMediaTimedOut() throws Exception {
        // given: a leg of its own on an engine that gives up on RTP after 300 ms, the peer sending none
        RecordingTelephonyEvents own = new RecordingTelephonyEvents();
        int uaPort = freeUdpPort();
        try (TestMedia impatient = TestMedia.start(Duration.ofMillis(300));
             TestUserAgent silent = TestUserAgent.start(uaPort)) {
            SipTelephony adapter = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), impatient.engine,
                    own, incoming);
            try {
                // when
                adapter.dial(new DialRequest(CALL, FIRST, CALLEE, Optional.of(CALLER), WAIT));

                // then
                silent.await(Request.BYE, WAIT);
                assertThat(own.await(2, WAIT)).containsExactly(new Answered(FIRST),
                        new Ended(FIRST, ResultInformation.unavailable("media timeout")));
            } finally {
                adapter.close();
            }
        }
    }
}
