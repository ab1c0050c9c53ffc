package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.rtp.RtpTestPeer.Packet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static io.switchboard.rtp.TestAudio.db;
import static io.switchboard.rtp.TestAudio.frame;
import static io.switchboard.rtp.TestAudio.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Three legs on 127.0.0.1 in one mix: A (PCMU) sends a 1 kHz tone, B (PCMA) a 2 kHz tone, C (PCMU) silence, each as
 * RTP paced every 20 ms from a plain UDP peer. What each peer receives is decoded and measured with Goertzel.
 */
class MediaMixTest {

    private static final int PCMU = 0;
    private static final int PCMA = 8;
    private static final int EVENTS = 101;
    private static final double APART_DB = 20;
    private static final int RECORDED_PACKETS = 25; // 500 ms

    private final RecordingMediaListener listenerC = new RecordingMediaListener();
    private MediaEngine engine;
    private final List<RtpTestPeer> peers = new ArrayList<>();
    private volatile boolean sending = true;
    private Thread sender;

    @BeforeEach
    void setUp() throws IOException {
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", 45000, 45999, 2, Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            peers.add(new RtpTestPeer());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        sending = false;
        if (sender != null) {
            sender.join(1000);
        }
        engine.close();
        for (RtpTestPeer peer : peers) {
            peer.close();
        }
    }

    @Test
    void everyMemberHearsTheOthersAndThePromptButNeverItself() throws Exception {
        // given: A, B, C started on (round-robin) different pacers, then joined to one mix
        RtpTestPeer a = peers.get(0);
        RtpTestPeer b = peers.get(1);
        RtpTestPeer c = peers.get(2);
        MediaSession sessionA = engine.open(new RecordingMediaListener());
        MediaSession sessionB = engine.open(new RecordingMediaListener());
        MediaSession sessionC = engine.open(listenerC);
        sessionA.start(a.address(), PCMU, EVENTS);
        sessionB.start(b.address(), PCMA, EVENTS);
        sessionC.start(c.address(), PCMU, EVENTS);
        MediaMix mix = engine.openMix();
        sessionA.join(mix);
        sessionB.join(mix);
        sessionC.join(mix);
        sender = startSending(a, sessionA.localPort(), b, sessionB.localPort(), c, sessionC.localPort());

        // when, then: A hears B's 2 kHz, B hears A's 1 kHz, C hears both
        assertThat(mix.members()).isEqualTo(3);
        List<short[]> mixed = recordUntil(heard -> {
            assertLouder(heard.get(0), 2000, 1000, "A hears B, not itself");
            assertLouder(heard.get(1), 1000, 2000, "B hears A, not itself");
            assertLouder(heard.get(2), 1000, 3000, "C hears A");
            assertLouder(heard.get(2), 2000, 3000, "C hears B");
        }, a, b, c);

        // when: a prompt (500 Hz) to the whole mix
        CountDownLatch finished = new CountDownLatch(1);
        mix.play(MediaOperationId.of("welcome"), tone("500hz", 500, 8000 * 3), false, finished::countDown);

        // then
        recordUntil(heard -> {
            for (int i = 0; i < 3; i++) {
                assertLouder(heard.get(i), 500, 3000, "prompt reaches member " + "ABC".charAt(i));
            }
        }, a, b, c);
        assertThat(finished.await(5, TimeUnit.SECONDS)).as("prompt finished").isTrue();

        // when: A is muted, and C presses 7
        sessionA.setMuted(true);
        for (int i = 0; i < 4; i++) {
            c.send(RtpTestPeer.telephoneEvent(EVENTS, 40000 + i, 5000, i == 0, 7, i > 0, 160 * (i + 1)),
                    sessionC.localPort());
        }

        // then: nobody hears A's 1 kHz any more; A still hears B; DTMF reached C's own listener
        recordUntil(muted -> {
            assertThat(db(muted.get(1), 1000)).as("1 kHz at B after muting A")
                    .isLessThan(db(mixed.get(1), 1000) - APART_DB);
            assertLouder(muted.get(2), 2000, 1000, "C hears B but not muted A");
            assertLouder(muted.get(0), 2000, 3000, "muted A still hears B");
        }, a, b, c);
        await("C's tone").atMost(Duration.ofSeconds(1)).until(() -> !listenerC.tones.isEmpty());
        assertThat(listenerC.tones).containsExactly(Tone.SEVEN);

        // when: C leaves
        sessionC.leave();

        // then: C hears nothing of the mix any more
        assertThat(mix.members()).isEqualTo(2);
        recordUntil(left -> assertThat(db(left.get(2), 2000)).as("2 kHz at C after leaving")
                .isLessThan(db(mixed.get(2), 2000) - APART_DB), a, b, c);
    }

    @Test
    void refusesAMemberBeyondTheLimitWithAClearMessage() throws IOException {
        // given
        MediaMix mix = engine.openMix();
        for (int i = 0; i < MediaMix.MAX_MEMBERS; i++) {
            engine.open(new RecordingMediaListener()).join(mix);
        }
        MediaSession oneTooMany = engine.open(new RecordingMediaListener());

        // when / then
        assertThat(MediaMix.MAX_MEMBERS).isGreaterThanOrEqualTo(20);
        assertThatThrownBy(() -> oneTooMany.join(mix))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full")
                .hasMessageContaining(String.valueOf(MediaMix.MAX_MEMBERS));
        assertThat(mix.members()).isEqualTo(MediaMix.MAX_MEMBERS);
        mix.close();
        assertThatThrownBy(() -> oneTooMany.join(mix)).hasMessageContaining("closed");
    }

    /**
     * Records from the peers, 500 ms at a time, until what they heard passes {@code check} (the jitter buffers fill and
     * a change reaches the mix within a few packet times); returns the recording that passed.
     */
    private static List<short[]> recordUntil(Consumer<List<short[]>> check, RtpTestPeer... peers) {
        AtomicReference<List<short[]>> passed = new AtomicReference<>();
        await("the expected audio").atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                    List<short[]> recorded = record(peers);
                    check.accept(recorded);
                    passed.set(recorded);
                });
        return passed.get();
    }

    /** Records 500 ms from each peer, decoded to linear PCM. */
    private static List<short[]> record(RtpTestPeer... peers) throws Exception {
        for (RtpTestPeer peer : peers) {
            peer.drain();
        }
        List<short[]> recorded = new ArrayList<>();
        for (RtpTestPeer ignored : peers) {
            recorded.add(new short[RECORDED_PACKETS * 160]);
        }
        int[] filled = new int[peers.length];
        for (int round = 0; round < 4 * RECORDED_PACKETS; round++) {
            for (int p = 0; p < peers.length; p++) {
                if (filled[p] == RECORDED_PACKETS) {
                    continue;
                }
                Packet packet = peers[p].receive();
                if (packet.payloadType() != PCMU && packet.payloadType() != PCMA) {
                    continue;
                }
                byte[] payload = packet.payload();
                for (int i = 0; i < 160; i++) {
                    recorded.get(p)[filled[p] * 160 + i] = packet.payloadType() == PCMU
                            ? MuLaw.decode(payload[i]) : ALaw.decode(payload[i]);
                }
                filled[p]++;
            }
        }
        return recorded;
    }

    private static void assertLouder(short[] samples, int frequency, int than, String what) {
        assertThat(db(samples, frequency)).as(what + ": %d Hz vs %d Hz (dB)", frequency, than)
                .isGreaterThanOrEqualTo(db(samples, than) + APART_DB);
    }

    /** Sends 20 ms RTP every 20 ms on absolute deadlines: 1 kHz PCMU from A, 2 kHz PCMA from B, silence from C. */
    private Thread startSending(RtpTestPeer a, int portA, RtpTestPeer b, int portB, RtpTestPeer c, int portC) {
        Thread thread = new Thread(() -> {
            long next = System.nanoTime();
            for (int tick = 0; sending && tick < 1000; tick++) {
                try {
                    a.send(frame(PCMU, tick, 1000), portA);
                    b.send(frame(PCMA, tick, 2000), portB);
                    c.send(frame(PCMU, tick, 0), portC);
                } catch (IOException e) {
                    return;
                }
                next += 20_000_000L;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "test-rtp-sender");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
