package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static io.switchboard.rtp.RecordingMediaListener.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaEngineTest {

    private static final MediaConfig TWO_PORTS = new MediaConfig("127.0.0.1", 47000, 47003, 2, Duration.ofSeconds(5));

    private final RecordingMediaListener listener = new RecordingMediaListener();

    @Test
    void opensSessionsOnEvenPortsOfTheRange() throws IOException {
        try (MediaEngine engine = MediaEngine.start(TWO_PORTS)) {
            MediaSession first = engine.open(listener);
            MediaSession second = engine.open(listener);

            assertThat(first.localPort()).isEven().isBetween(47000, 47003);
            assertThat(second.localPort()).isEven().isBetween(47000, 47003).isNotEqualTo(first.localPort());
            assertThat(engine.activeSessions()).isEqualTo(2);
        }
    }

    @Test
    void spreadsMixesOverThePacersWhateverTheSessionsDo() throws IOException {
        MediaConfig twoPacers = new MediaConfig("127.0.0.1", 47100, 47199, 2, Duration.ofSeconds(5));
        try (MediaEngine engine = MediaEngine.start(twoPacers)) {
            // given: calls that each open five sessions, then a mix (an even number of opens per call)
            MediaMix first = null;
            MediaMix second = null;
            for (int call = 0; call < 2; call++) {
                for (int leg = 0; leg < 5; leg++) {
                    engine.open(listener);
                }
                MediaMix mix = engine.openMix();
                if (call == 0) {
                    first = mix;
                } else {
                    second = mix;
                }
            }

            // then
            assertThat(first.pacer()).isNotSameAs(second.pacer());
        }
    }

    @Test
    void readsEveryPacketOfABurstArrivingOnAllItsLegsAtOnce() throws IOException {
        // given: one pacer serving 300 started sessions, more than one selection reads at once (their range has
        // twice the even ports they need: it lies in the kernel's ephemeral range, where other sockets, this test's
        // peer among them, may hold a few)
        MediaConfig onePacer = new MediaConfig("127.0.0.1", 48000, 49199, 1, Duration.ofSeconds(5));
        try (MediaEngine engine = MediaEngine.start(onePacer); RtpTestPeer peer = new RtpTestPeer()) {
            List<MediaSession> sessions = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                MediaSession session = engine.open(listener);
                session.start(peer.address(), 0, -1);
                sessions.add(session);
            }
            assertThat(await(Duration.ofSeconds(5), () -> engine.packetsSent() >= 300)).isTrue();

            // when: three packets reach every session at the same moment (900: many selections' worth of reads)
            for (int sequence = 1; sequence <= 3; sequence++) {
                for (MediaSession session : sessions) {
                    peer.send(RtpTestPeer.audio(sequence, sequence * 160), session.localPort());
                }
            }

            // then: every one of them is read, none lost (each session counts into the totals about once a second)
            assertThat(await(Duration.ofSeconds(10), () -> engine.packetsReceived() == 900)).isTrue();
            assertThat(engine.packetsLost()).isZero();
        }
    }

    @Test
    void countsTheMixesOpenUntilTheyClose() {
        try (MediaEngine engine = MediaEngine.start(TWO_PORTS)) {
            MediaMix first = engine.openMix();
            MediaMix second = engine.openMix();
            assertThat(engine.activeMixes()).isEqualTo(2);

            first.close();
            first.close();

            assertThat(engine.activeMixes()).isEqualTo(1);
            second.close();
            assertThat(engine.activeMixes()).isZero();
        }
    }

    @Test
    void failsWithAClearMessageWhenThePortRangeIsExhausted() throws Exception {
        try (MediaEngine engine = MediaEngine.start(TWO_PORTS)) {
            // given
            engine.open(listener);
            MediaSession second = engine.open(listener);

            // when / then
            assertThatThrownBy(() -> engine.open(listener))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("RTP port range exhausted")
                    .hasMessageContaining("127.0.0.1:47000-47003");

            second.close();
            assertThat(engine.activeSessions()).isEqualTo(1);
            assertThat(await(Duration.ofSeconds(1), () -> opens(engine))).as("port released on close").isTrue();
        }
    }

    @Test
    void closingTheEngineClosesEverySessionAndReleasesThePorts() throws IOException {
        // given
        MediaEngine engine = MediaEngine.start(TWO_PORTS);
        int port = engine.open(listener).localPort();

        // when
        engine.close();

        // then
        assertThat(engine.activeSessions()).isZero();
        try (DatagramChannel reuse = DatagramChannel.open()) {
            reuse.bind(new InetSocketAddress("127.0.0.1", port));
        }
        assertThatThrownBy(() -> engine.open(listener)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsPayloadTypesItCannotSend() throws IOException {
        try (MediaEngine engine = MediaEngine.start(TWO_PORTS)) {
            MediaSession session = engine.open(listener);
            InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 9);

            assertThatThrownBy(() -> session.start(remote, 18, 101)).hasMessageStartingWith("payloadType: 18");
            assertThatThrownBy(() -> session.start(remote, 0, 13))
                    .hasMessageStartingWith("telephoneEventPayloadType: 13");
            assertThatThrownBy(() -> session.sendDtmf(java.util.List.of(), () -> { }))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void countsNoSkippedTickWhenItsPacerIsHeldUpWithNothingToSend() throws IOException {
        MediaConfig onePacer = new MediaConfig("127.0.0.1", 47800, 47809, 1, Duration.ofSeconds(5));
        try (MediaEngine engine = MediaEngine.start(onePacer)) {
            // given: the pacer serves no stream (an empty mix sends nothing)
            Pacer pacer = engine.openMix().pacer();

            // when: it is held up for five ticks, as by a collection while the speech models load at start
            holdUp(pacer);

            // then: no audio was due, no tick counts as skipped (the health stays ready)
            assertThat(engine.skippedTicks()).isZero();
        }
    }

    @Test
    void countsTheTicksItsPacerSkipsWhileItHasAStreamToSend() throws IOException {
        MediaConfig onePacer = new MediaConfig("127.0.0.1", 47810, 47819, 1, Duration.ofSeconds(5));
        try (MediaEngine engine = MediaEngine.start(onePacer); RtpTestPeer peer = new RtpTestPeer()) {
            // given: the pacer sends a started session's packets
            engine.open(listener).start(peer.address(), 0, -1);
            assertThat(await(Duration.ofSeconds(5), () -> engine.packetsSent() > 0)).isTrue();
            Pacer pacer = engine.openMix().pacer();

            // when: it is held up for five ticks
            holdUp(pacer);

            // then: the ticks it could not send in time are skipped and counted
            assertThat(engine.skippedTicks()).isPositive();
        }
    }

    /** Holds the pacer's thread for five ticks (more than it catches up on), then waits for it to check its lag. */
    private static void holdUp(Pacer pacer) {
        AtomicBoolean heldUp = new AtomicBoolean();
        pacer.execute(() -> {
            long until = System.nanoTime() + 5 * Pacer.PERIOD_NANOS;
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            heldUp.set(true);
        });
        assertThat(await(Duration.ofSeconds(10), heldUp::get)).isTrue();
        long slots = pacer.slotsRun();
        assertThat(await(Duration.ofSeconds(10), () -> pacer.slotsRun() > slots)).isTrue();
    }

    private boolean opens(MediaEngine engine) {
        try {
            engine.open(listener);
            return true;
        } catch (IOException exhausted) {
            return false;
        }
    }
}
