package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.CALLER;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playback bookkeeping and media events over two of a call's three answered legs (a prompt for only some legs of a
 * call plays on each of them, not in the call's mix), with media faked.
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
    private final FakeLegMedia.Factory media = new FakeLegMedia.Factory();
    private TestUserAgent ua;
    private SipTelephony telephony;

    @BeforeEach
    void threeAnsweredLegs() throws Exception {
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), media, events, incoming);
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
    }

    private FakeLegMedia mediaOf(int leg) {
        return media.opened.get(leg);
    }

    private PlayEnded completed() {
        return new PlayEnded(CALL, PlayOperation.Outcome.completed(OPERATION));
    }

    @Test
    void reportsThePlaybackOnceWhenEveryLegFinishedOrEnded() throws Exception {
        // given
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(FIRST, SECOND), CLIP, false));
        settle(telephony);
        PlaybackKey key = new PlaybackKey(CALL, OPERATION);

        // when: the first leg finishes, the second ends, then a late finish arrives
        mediaOf(0).listener.playbackFinished(key);
        settle(telephony);
        assertThat(events.events()).hasSize(3);
        telephony.hangUp(SECOND);
        mediaOf(1).listener.playbackFinished(key);

        // then
        events.await(5, WAIT);
        settle(telephony);
        assertThat(events.events()).containsExactly(new Answered(FIRST), new Answered(SECOND),
                new Answered(THIRD), completed(),
                new Ended(SECOND, ResultInformation.HUNG_UP_BY_APPLICATION));
        assertThat(mediaOf(0).calls).contains("play clip");
    }

    @Test
    void stopsAPlaybackOnEveryLegWithoutReportingIt() throws Exception {
        // given
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(FIRST, SECOND), CLIP, true));

        // when
        telephony.stopPlayback(CALL, OPERATION);
        settle(telephony);
        mediaOf(0).listener.playbackFinished(new PlaybackKey(CALL, OPERATION));

        // then
        settle(telephony);
        assertThat(mediaOf(0).calls).endsWith("play clip", "stop");
        assertThat(mediaOf(1).calls).endsWith("play clip", "stop");
        assertThat(mediaOf(2).calls).doesNotContain("play clip");
        assertThat(events.events()).hasSize(3);
    }

    @Test
    void reportsTonesOfAnsweredLegs() throws Exception {
        // when
        mediaOf(1).tone(Tone.SEVEN);

        // then
        assertThat(events.await(4, WAIT)).endsWith(new ToneReceived(SECOND, Tone.SEVEN));
    }

    @Test
    void hangsUpALegWhoseMediaTimedOut() throws Exception {
        // when
        mediaOf(0).listener.mediaTimeout();

        // then
        ua.await(Request.BYE, WAIT);
        assertThat(events.await(4, WAIT)).endsWith(
                new Ended(FIRST, ResultInformation.unavailable("media timeout")));
    }
}
