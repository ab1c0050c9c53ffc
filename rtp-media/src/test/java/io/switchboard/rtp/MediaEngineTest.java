package io.switchboard.rtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

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

    private boolean opens(MediaEngine engine) {
        try {
            engine.open(listener);
            return true;
        } catch (IOException exhausted) {
            return false;
        }
    }
}
