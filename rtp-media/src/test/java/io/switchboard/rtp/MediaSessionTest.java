package io.switchboard.rtp;

import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.rtp.RtpTestPeer.Packet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.switchboard.rtp.RecordingMediaListener.await;
import static org.assertj.core.api.Assertions.assertThat;

class MediaSessionTest {

    private static final int PCMU = 0;
    private static final int EVENTS = 101;
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final RecordingMediaListener listener = new RecordingMediaListener();
    private MediaEngine engine;
    private RtpTestPeer peer;
    private MediaSession session;

    @BeforeEach
    void setUp() throws IOException {
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", 46000, 46999, 2, Duration.ofSeconds(5)));
        peer = new RtpTestPeer();
        session = engine.open(listener);
    }

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        peer.close();
    }

    private static AudioClip ramp(String key, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (i * 97 % 20000 - 10000);
        }
        return new AudioClip(key, pcm);
    }

    private static byte[] frame(byte[] encoded, int index) {
        return Arrays.copyOfRange(encoded, index * 160, index * 160 + 160);
    }

    private static boolean isSilence(Packet packet) {
        return Arrays.equals(packet.payload(), Codec.PCMU.silenceFrame());
    }

    private List<Packet> receive(int count) throws IOException {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packets.add(peer.receive());
        }
        return packets;
    }

    /** Same SSRC, sequence +1 (mod 2^16), and timestamps advancing 160 per packet of the stream. */
    private static void assertContinuous(List<Packet> packets) {
        Packet first = packets.get(0);
        for (int i = 1; i < packets.size(); i++) {
            Packet packet = packets.get(i);
            assertThat(packet.ssrc()).as("SSRC of packet %d", i).isEqualTo(first.ssrc());
            assertThat(packet.sequence()).as("sequence of packet %d", i).isEqualTo((first.sequence() + i) & 0xFFFF);
        }
    }

    @Test
    void playsAClipFrameByFrameThenSendsSilence() throws Exception {
        // given
        AudioClip clip = ramp("ramp-1000", 1000); // 6 full frames and 40 samples: 7 packets
        byte[] expected = Codec.PCMU.encode(clip.samples());

        // when
        session.play(MediaOperationId.of("p1"), clip, false);
        session.start(peer.address(), PCMU, EVENTS);
        List<Packet> packets = receive(12);

        // then
        assertContinuous(packets);
        for (int i = 0; i < packets.size(); i++) {
            Packet packet = packets.get(i);
            assertThat(packet.bytes()).as("packet %d", i).hasSize(172);
            assertThat(packet.payloadType()).isEqualTo(PCMU);
            assertThat(packet.marker()).as("marker of packet %d", i).isEqualTo(i == 0);
            assertThat(packet.timestamp() - packets.get(0).timestamp()).isEqualTo(160 * i);
            byte[] payload = i < 7 ? frame(expected, i) : Codec.PCMU.silenceFrame();
            assertThat(packet.payload()).as("payload of packet %d", i).isEqualTo(payload);
        }
        assertThat(frame(expected, 6)).endsWith(Arrays.copyOf(Codec.PCMU.silenceFrame(), 120));
        assertThat(await(SECOND, () -> !listener.finished.isEmpty())).isTrue();
        receive(3);
        assertThat(listener.finished).containsExactly(MediaOperationId.of("p1"));
    }

    @Test
    void loopsAClipUntilItIsStopped() throws Exception {
        // given
        AudioClip clip = ramp("ramp-320", 320);
        byte[] expected = Codec.PCMU.encode(clip.samples());
        session.start(peer.address(), PCMU, -1);
        peer.receive();

        // when
        session.play(MediaOperationId.of("loop"), clip, true);
        Packet packet = peer.receive();
        while (isSilence(packet)) {
            packet = peer.receive();
        }
        List<Packet> looped = new ArrayList<>(List.of(packet));
        looped.addAll(receive(5));
        session.stop(MediaOperationId.of("another playback"));
        List<Packet> afterWrongStop = receive(4);
        session.stop(MediaOperationId.of("loop"));
        int audioAfterStop = 0;
        for (packet = peer.receive(); !isSilence(packet); packet = peer.receive()) {
            audioAfterStop++;
        }
        List<Packet> afterStop = receive(5);

        // then
        for (int i = 0; i < looped.size(); i++) {
            assertThat(looped.get(i).payload()).as("looped packet %d", i).isEqualTo(frame(expected, i % 2));
        }
        assertThat(afterWrongStop).noneMatch(MediaSessionTest::isSilence);
        assertThat(audioAfterStop).isLessThanOrEqualTo(3);
        assertThat(afterStop).allMatch(MediaSessionTest::isSilence);
        assertThat(listener.finished).isEmpty();
    }

    @Test
    void reportsOneTonePerKeyPressDespiteRetransmittedEndPackets() throws Exception {
        // given
        session.start(peer.address(), PCMU, EVENTS);
        peer.receive();
        int port = session.localPort();

        // when: '5' as 3 updates + the end packet 3 times + one more retransmission, then '#'
        int seq = 100;
        for (int i = 1; i <= 3; i++) {
            peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq++, 8000, i == 1, 5, false, 160 * i), port);
        }
        for (int i = 0; i < 4; i++) {
            peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq++, 8000, false, 5, true, 480), port);
        }
        peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq++, 9600, true, 11, false, 160), port);
        for (int i = 0; i < 3; i++) {
            peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq++, 9600, false, 11, true, 320), port);
        }
        peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq++, 8000, false, 5, true, 480), port); // late duplicate
        // a third key after it: once that is reported, the duplicate was handled (one socket, packets in order)
        peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq++, 11200, true, 1, false, 160), port);
        peer.send(RtpTestPeer.telephoneEvent(EVENTS, seq, 11200, false, 1, true, 320), port);

        // then
        assertThat(await(SECOND, () -> listener.tones.size() >= 3)).isTrue();
        assertThat(listener.tones).containsExactly(Tone.FIVE, Tone.POUND, Tone.ONE);
    }

    @Test
    void sendsDtmfAsRfc4733EventsInTheAudioStream() throws Exception {
        // given
        session.start(peer.address(), PCMU, EVENTS);
        CountDownLatch done = new CountDownLatch(1);
        List<Packet> packets = new ArrayList<>(List.of(peer.receive()));

        // when
        session.sendDtmf(List.of(Tone.ONE, Tone.STAR), done::countDown);
        while (packets.stream().filter(p -> p.payloadType() == EVENTS).count() < 16 && packets.size() < 100) {
            packets.add(peer.receive());
        }
        packets.addAll(receive(3));

        // then
        assertThat(done.await(1, TimeUnit.SECONDS)).isTrue();
        assertContinuous(packets);
        List<Packet> events = packets.stream().filter(p -> p.payloadType() == EVENTS).toList();
        assertThat(events).hasSize(16);
        for (int tone = 0; tone < 2; tone++) {
            List<Packet> one = events.subList(tone * 8, tone * 8 + 8);
            int firstIndex = packets.indexOf(one.get(0));
            assertThat(packets.indexOf(one.get(7))).as("no audio inside an event").isEqualTo(firstIndex + 7);
            for (int i = 0; i < 8; i++) {
                Packet packet = one.get(i);
                assertThat(packet.bytes()).hasSize(16);
                assertThat(packet.marker()).isEqualTo(i == 0);
                assertThat(packet.timestamp()).isEqualTo(one.get(0).timestamp());
                assertThat(TelephoneEvent.event(packet.buffer(), 12)).isEqualTo(tone == 0 ? 1 : 10);
                assertThat(TelephoneEvent.end(packet.buffer(), 12)).isEqualTo(i >= 5);
                assertThat(TelephoneEvent.duration(packet.buffer(), 12)).isEqualTo(160 * Math.min(i + 1, 5));
            }
        }
        assertThat(packets.indexOf(events.get(8)) - packets.indexOf(events.get(7))).as("gap").isEqualTo(4);
        Packet firstAudio = packets.get(0);
        for (Packet audio : packets) {
            if (audio.payloadType() == PCMU) {
                int ticks = (audio.sequence() - firstAudio.sequence()) & 0xFFFF;
                assertThat(audio.timestamp() - firstAudio.timestamp()).isEqualTo(160 * ticks);
            }
        }
    }

    @Test
    void sendsDtmfAgainOnceAnEarlierRequestIsOver() throws Exception {
        // given: a tone sent, and five audio packets after it (the sender idle again)
        session.start(peer.address(), PCMU, EVENTS);
        CountDownLatch first = new CountDownLatch(1);
        session.sendDtmf(List.of(Tone.ONE), first::countDown);
        List<Packet> before = new ArrayList<>();
        int audioAfter = 0;
        while ((events(before).size() < 8 || audioAfter < 5) && before.size() < 200) {
            Packet packet = peer.receive();
            before.add(packet);
            audioAfter += events(before).size() == 8 && packet.payloadType() == PCMU ? 1 : 0;
        }

        // when
        CountDownLatch second = new CountDownLatch(1);
        session.sendDtmf(List.of(Tone.TWO), second::countDown);
        List<Packet> after = new ArrayList<>();
        while (events(after).size() < 8 && after.size() < 100) {
            after.add(peer.receive());
        }

        // then: each tone's eight packets, each request done
        assertThat(first.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(second.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(events(before)).hasSize(8).allMatch(p -> TelephoneEvent.event(p.buffer(), 12) == 1);
        assertThat(events(after)).hasSize(8).allMatch(p -> TelephoneEvent.event(p.buffer(), 12) == 2);
    }

    private static List<Packet> events(List<Packet> packets) {
        return packets.stream().filter(p -> p.payloadType() == EVENTS).toList();
    }

    @Test
    void ignoresPacketsThatAreNotRtp() throws Exception {
        // given
        MediaEngine shortTimeout = MediaEngine.start(
                new MediaConfig("127.0.0.1", 46000, 46999, 1, Duration.ofMillis(300)));
        try (shortTimeout; RtpTestPeer stranger = new RtpTestPeer()) {
            MediaSession watched = shortTimeout.open(listener);
            watched.start(peer.address(), PCMU, EVENTS);
            peer.receive();

            // when: STUN, a runt, and RTP version 1 carrying a DTMF event, all from another address
            byte[] stun = java.util.HexFormat.of().parseHex("000100002112a442aabbccddeeff001122334455");
            byte[] versionOne = RtpTestPeer.telephoneEvent(EVENTS, 1, 8000, true, 5, false, 160);
            versionOne[0] = 0x40;
            for (int i = 0; i < 5; i++) {
                stranger.send(stun, watched.localPort());
                stranger.send(new byte[] {(byte) 0x80, 0, 1}, watched.localPort());
                stranger.send(versionOne, watched.localPort());
            }

            // then: nothing reported, no latching, and the media timeout still counts
            assertThat(await(Duration.ofSeconds(2), () -> listener.timeouts.get() == 1)).isTrue();
            assertThat(listener.tones).isEmpty();
            assertThat(stranger.receive(Duration.ofMillis(50))).isNull();
            peer.drain();
            assertThat(peer.receive().ssrc()).isNotZero();
        }
    }

    @Test
    void reportsTheMediaTimeoutOnceAndOnlyAfterRtpStops() throws Exception {
        // given
        MediaEngine shortTimeout = MediaEngine.start(
                new MediaConfig("127.0.0.1", 46000, 46999, 1, Duration.ofMillis(200)));
        try (shortTimeout) {
            MediaSession watched = shortTimeout.open(listener);
            watched.start(peer.address(), PCMU, -1);

            // when: RTP for 500 ms, then nothing
            for (int i = 0; i < 25; i++) {
                peer.send(RtpTestPeer.audio(i, i * 160), watched.localPort());
                Thread.sleep(20); // pacing, not waiting: RTP as a phone sends it, one packet per 20 ms
            }
            int timeoutsWhileReceiving = listener.timeouts.get();

            // then
            assertThat(timeoutsWhileReceiving).isZero();
            assertThat(await(Duration.ofSeconds(2), () -> listener.timeouts.get() > 0)).isTrue();
            // reported once: it stays at one for longer than the timeout itself
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> listener.timeouts.get() == 1);
        }
    }

    @Test
    void learnsASourceBehindNatAfterFourPacketsInSequenceAndSendsThere() throws Exception {
        // given
        session.start(peer.address(), PCMU, -1);
        Packet beforeLearning = peer.receive();
        try (RtpTestPeer natted = new RtpTestPeer()) {

            // when: three packets in sequence are not enough, the fourth is
            for (int seq = 1; seq <= 3; seq++) {
                natted.send(RtpTestPeer.audio(seq, seq * 160), session.localPort());
            }
            assertThat(natted.receive(Duration.ofMillis(200))).as("not learned after 3 packets").isNull();
            natted.send(RtpTestPeer.audio(4, 4 * 160), session.localPort());

            // then
            Packet afterLearning = natted.receive();
            assertThat(afterLearning.ssrc()).isEqualTo(beforeLearning.ssrc());
            assertThat(afterLearning.from().getPort()).isEqualTo(session.localPort());
            natted.drain();
            peer.drain();
            assertThat(natted.receive(Duration.ofMillis(200))).isNotNull();
            assertThat(peer.receive(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void dropsKeyPressesAndAudioFromAnyOtherSourceOnceItHeardItsPeer() throws Exception {
        // given: the peer at its signalled address is heard
        session.start(peer.address(), PCMU, EVENTS);
        peer.send(RtpTestPeer.audio(1, 160), session.localPort());
        try (RtpTestPeer attacker = new RtpTestPeer()) {

            // when: an attacker floods the port with key presses in sequence, then the peer presses 5
            for (int seq = 0; seq < 40; seq++) {
                attacker.send(RtpTestPeer.telephoneEvent(EVENTS, seq, 8000 + seq * 800, true, 1, true, 160),
                        session.localPort());
            }
            peer.send(RtpTestPeer.telephoneEvent(EVENTS, 2, 16000, true, 5, false, 160), session.localPort());
            peer.send(RtpTestPeer.telephoneEvent(EVENTS, 3, 16000, false, 5, true, 320), session.localPort());

            // then: only the peer's key, the audio still goes to the peer, the attacker's packets are counted
            assertThat(await(Duration.ofSeconds(2), () -> !listener.tones.isEmpty())).isTrue();
            assertThat(await(Duration.ofSeconds(2), () -> engine.foreignPackets() == 40)).isTrue();
            assertThat(listener.tones).containsExactly(Tone.FIVE);
            assertThat(attacker.receive(Duration.ofMillis(100))).isNull();
            peer.drain();
            assertThat(peer.receive()).isNotNull();
        }
    }

    @Test
    void countsPacketsSentReceivedAndLostForMetrics() throws Exception {
        // given: a call whose peer sends 40 packets of which 4 never arrive
        session.start(peer.address(), PCMU, EVENTS);
        for (int seq = 0; seq < 40; seq++) {
            if (seq % 10 != 5) {
                peer.send(RtpTestPeer.audio(seq, seq * 160), session.localPort());
            }
        }

        // then: the counts reach the engine's totals within the stream's flush (about a second), and at close
        assertThat(await(Duration.ofSeconds(5), () -> engine.packetsReceived() == 36)).isTrue();
        assertThat(await(Duration.ofSeconds(5), () -> engine.packetsLost() == 4)).isTrue();
        assertThat(await(Duration.ofSeconds(5), () -> engine.packetsSent() > 0)).isTrue();
        long sentBeforeClose = engine.packetsSent();
        peer.drain();
        session.close();
        assertThat(await(Duration.ofSeconds(2), () -> engine.activeSessions() == 0)).isTrue();
        assertThat(engine.packetsSent()).isGreaterThanOrEqualTo(sentBeforeClose);
        assertThat(engine.packetsReceived()).isEqualTo(36);
    }

    @Test
    void hearsOnlyTheSignalledAddressWhenLearningIsOff() throws Exception {
        MediaEngine strict = MediaEngine.start(
                new MediaConfig("127.0.0.1", 46000, 46999, 1, Duration.ofSeconds(5), false));
        try (strict; RtpTestPeer natted = new RtpTestPeer()) {
            MediaSession signalled = strict.open(listener);
            signalled.start(peer.address(), PCMU, EVENTS);

            for (int seq = 0; seq < 20; seq++) {
                natted.send(RtpTestPeer.telephoneEvent(EVENTS, seq, 8000, seq == 0, 9, seq == 19, 160 * (seq + 1)),
                        signalled.localPort());
            }

            assertThat(await(Duration.ofSeconds(2), () -> strict.foreignPackets() == 20)).isTrue();
            assertThat(listener.tones).isEmpty();
            assertThat(natted.receive(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void hearsTheNewPeerOfAnUpdateFromItsVeryFirstPacket() throws Exception {
        // given: the first peer is heard (and latched): its one packet, a whole key press, was read
        session.start(peer.address(), PCMU, EVENTS);
        peer.send(RtpTestPeer.telephoneEvent(EVENTS, 1, 8000, true, 1, true, 320), session.localPort());
        assertThat(await(Duration.ofSeconds(2), () -> listener.tones.size() == 1)).isTrue();

        try (RtpTestPeer moved = new RtpTestPeer()) {
            // when: a re-INVITE moves the media elsewhere, and the new address presses 5 at once (before the
            // stream's next turn, where the update is applied)
            session.update(moved.address(), PCMU, EVENTS);
            moved.send(RtpTestPeer.telephoneEvent(EVENTS, 500, 16000, true, 5, false, 160), session.localPort());
            moved.send(RtpTestPeer.telephoneEvent(EVENTS, 501, 16000, false, 5, true, 320), session.localPort());

            // then: its packets waited for the update: heard, none taken for a stranger's
            assertThat(await(Duration.ofSeconds(2), () -> listener.tones.size() == 2)).isTrue();
            assertThat(listener.tones).containsExactly(Tone.ONE, Tone.FIVE);
            assertThat(engine.foreignPackets()).isZero();
        }
    }

    @Test
    void switchesCodecOnUpdateKeepingTheSameStream() throws Exception {
        // given
        session.start(peer.address(), PCMU, EVENTS);
        List<Packet> packets = new ArrayList<>(receive(2));

        // when
        session.update(peer.address(), 8, -1);
        Packet packet = peer.receive();
        while (packet.payloadType() == PCMU) {
            packets.add(packet);
            packet = peer.receive();
        }
        packets.add(packet);
        packets.addAll(receive(2));

        // then
        assertContinuous(packets);
        Packet pcma = packets.get(packets.size() - 1);
        assertThat(pcma.payloadType()).isEqualTo(8);
        assertThat(pcma.marker()).isFalse();
        assertThat(pcma.payload()).isEqualTo(Codec.PCMA.silenceFrame());
    }
}
