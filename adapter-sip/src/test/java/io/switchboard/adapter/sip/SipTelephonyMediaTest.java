package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.ToneReceived;
import io.switchboard.adapter.sip.RtpPeer.Packet;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.rtp.MediaConfig;
import io.switchboard.rtp.MediaEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signalling and the real RTP media engine against the test UA: what reaches the callee's ear, and its keys. */
class SipTelephonyMediaTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final MediaOperationId OPERATION = MediaOperationId.of("op-1");
    private static final int FRAMES = 25;

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private MediaEngine engine;
    private TestUserAgent ua;
    private SipTelephony telephony;

    @BeforeEach
    void start() throws Exception {
        int base = 41_000 + 2 * (int) (ProcessHandle.current().pid() % 2000);
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", base, base + 99, 1, Duration.ofSeconds(30)));
        int uaPort = freeUdpPort();
        ua = TestUserAgent.start(uaPort);
        telephony = SipTelephony.start(configWithTrunk(uaPort, Optional.empty()), engine, events, incoming);
        telephony.dial(dial(CALLEE, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
    }

    @AfterEach
    void stop() {
        telephony.close();
        ua.close();
        engine.close();
    }

    @Test
    void playsTheClipPacketByPacketAndReportsItOnce() throws Exception {
        // given: 25 frames of a rising, never silent signal
        short[] samples = new short[FRAMES * 160];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (100 + i * 7);
        }
        AudioClip clip = new AudioClip("ramp", samples);

        // when
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(LEG, LegId.of("not-mine")), clip, false));

        // then
        List<Packet> packets = ua.rtp().receiveUntilQuiet(WAIT, Duration.ofMillis(300), 150);
        byte[] first = Arrays.copyOfRange(PcmuReference.encode(samples), 0, 160);
        int start = indexOf(packets, first);
        assertThat(start).as("first clip frame among %d packets", packets.size()).isNotNegative();
        assertThat(packets.size() - start).isGreaterThanOrEqualTo(FRAMES);
        Packet head = packets.get(start);
        byte[] encoded = PcmuReference.encode(samples);
        for (int i = 0; i < FRAMES; i++) {
            Packet p = packets.get(start + i);
            assertThat(p.payloadType()).isZero();
            assertThat(p.ssrc()).isEqualTo(head.ssrc());
            assertThat(p.sequence()).isEqualTo((head.sequence() + i) & 0xffff);
            assertThat(p.timestamp()).isEqualTo((head.timestamp() + 160L * i) & 0xffffffffL);
            assertThat(p.payload()).as("frame %d", i).isEqualTo(Arrays.copyOfRange(encoded, i * 160, i * 160 + 160));
        }
        events.await(2, WAIT);
        settle(telephony);
        assertThat(events.events()).containsExactly(new Answered(LEG),
                new PlayEnded(CALL, PlayOperation.Outcome.completed(OPERATION)));
    }

    @Test
    void ignoresPlaybacksOfOtherLegs() throws Exception {
        // when
        telephony.play(new PlaybackRequest(CALL, OPERATION, List.of(LegId.of("not-mine")),
                new AudioClip("short", new short[160]), false));

        // then
        settle(telephony);
        assertThat(events.events()).containsExactly(new Answered(LEG));
    }

    @Test
    void handsWhatTheCalleeSaysToTheListenerUntilItStops() throws Exception {
        // given
        RemoteAudio switchboard = ua.switchboardMedia();
        InetSocketAddress to = new InetSocketAddress(switchboard.address(), switchboard.port());
        List<short[]> heard = new CopyOnWriteArrayList<>();

        // when: the callee talks (a 700 Hz tone) while the leg is listened to
        telephony.listen(CALL, OPERATION, LEG, frame -> heard.add(frame.clone()));
        try (PacedToneSender talking = PacedToneSender.start(ua.rtp(), to, 700)) {
            Awaitility.await("700 Hz heard").atMost(WAIT).until(() -> heardTone(heard, 700));
            telephony.stopListening(CALL, OPERATION);
            settle(telephony);
            int stoppedAt = heard.size();

            // then: frames of 160 samples, and none once stopped (after the writer's current drain)
            assertThat(heard).allSatisfy(frame -> assertThat(frame).hasSize(160));
            Awaitility.await().during(Duration.ofMillis(200)).atMost(WAIT)
                    .until(() -> heard.size() <= stoppedAt + 5);
            assertThat(engine.activeListeners()).isZero();
        }
    }

    @Test
    void twoOperationsHearTheSameLegAndStopApart() throws Exception {
        // given: a recognition and a media stream listening to the one leg
        RemoteAudio switchboard = ua.switchboardMedia();
        InetSocketAddress to = new InetSocketAddress(switchboard.address(), switchboard.port());
        List<short[]> recognition = new CopyOnWriteArrayList<>();
        List<short[]> stream = new CopyOnWriteArrayList<>();
        MediaOperationId streaming = MediaOperationId.of("stream-1");
        telephony.listen(CALL, OPERATION, LEG, frame -> recognition.add(frame.clone()));
        telephony.listen(CALL, streaming, LEG, frame -> stream.add(frame.clone()));

        try (PacedToneSender talking = PacedToneSender.start(ua.rtp(), to, 700)) {
            // then: both hear the callee
            Awaitility.await("700 Hz heard by both").atMost(WAIT).until(() -> heardTone(recognition, 700)
                    && heardTone(stream, 700));

            // when: the recognition stops, the stream still hears
            telephony.stopListening(CALL, OPERATION);
            settle(telephony);
            int streamed = stream.size();
            Awaitility.await("the stream goes on").atMost(WAIT).until(() -> stream.size() > streamed + 25);
            assertThat(engine.activeListeners()).isOne();
            telephony.stopListening(CALL, streaming);
            settle(telephony);
            Awaitility.await("no listener left").atMost(WAIT).until(() -> engine.activeListeners() == 0);
        }
    }

    @Test
    void playsWhatIsFedIntoTheLegAtItsPaceUntilItStops() throws Exception {
        // given: a feed of 50 frames of 440 Hz, then nothing
        short[] tone = new short[50 * 160];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        MediaOperationId streaming = MediaOperationId.of("stream-1");
        ua.rtp().drain();

        // when
        telephony.feed(CALL, streaming, LEG, frame -> {
            int at = taken.get();
            if (at >= 50) {
                return false;
            }
            System.arraycopy(tone, at * 160, frame, 0, 160);
            taken.incrementAndGet();
            return true;
        });

        // then: the callee hears 440 Hz, one frame per packet, and silence once the feed is empty
        List<Packet> packets = ua.rtp().receiveUntilQuiet(WAIT, Duration.ofMillis(300), 150);
        short[] heard = new short[packets.size() * 160];
        for (int i = 0; i < packets.size(); i++) {
            for (int j = 0; j < 160; j++) {
                heard[i * 160 + j] = PcmuReference.decode(packets.get(i).payload()[j]);
            }
        }
        assertThat(taken.get()).isEqualTo(50);
        assertThat(Goertzel.powerDb(heard, 440)).as("440 Hz heard").isGreaterThan(Goertzel.powerDb(heard, 1000) + 30);
        short[] last = Arrays.copyOfRange(heard, heard.length - 160, heard.length);
        assertThat(Goertzel.powerDb(last, 440)).as("silence after the feed").isLessThan(20);
        telephony.stopFeeding(CALL, streaming);
        settle(telephony);
    }

    private static boolean heardTone(List<short[]> frames, double hz) {
        List<short[]> now = List.copyOf(frames); // a snapshot: the list grows while it is looked at
        return now.size() >= 25 && Goertzel.powerDb(joined(now.subList(now.size() - 25, now.size())), hz) > 60;
    }

    private static short[] joined(List<short[]> frames) {
        short[] all = new short[frames.size() * 160];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i), 0, all, i * 160, 160);
        }
        return all;
    }

    @Test
    void reportsTheCalleesKeys() throws Exception {
        // given
        RemoteAudio switchboard = ua.switchboardMedia();
        InetSocketAddress to = new InetSocketAddress(switchboard.address(), switchboard.port());

        // when
        ua.rtp().sendSilence(to, 1, 0);
        ua.rtp().sendDigit(to, 101, 5, 2, 160);
        ua.rtp().sendDigit(to, 101, 11, 20, 3200);

        // then
        assertThat(events.await(3, WAIT)).containsExactly(new Answered(LEG), new ToneReceived(LEG, Tone.FIVE),
                new ToneReceived(LEG, Tone.POUND));
    }

    @Test
    void sendsTonesAsRfc4733EventsWithTripleEndPackets() throws Exception {
        // given
        ua.rtp().drain();

        // when
        CompletableFuture<Void> sent = telephony.sendTones(CALL, LEG, List.of(Tone.ONE, Tone.POUND))
                .toCompletableFuture();
        List<Packet> packets = ua.rtp().receiveUntilQuiet(WAIT, Duration.ofMillis(300), 60);

        // then: events 1 and 11 (#), each ending with three end packets of one timestamp
        sent.get(5, TimeUnit.SECONDS);
        List<Packet> ends = packets.stream().filter(p -> p.payloadType() == 101 && (p.payload()[1] & 0x80) != 0)
                .toList();
        assertThat(ends).extracting(p -> (int) p.payload()[0]).containsExactly(1, 1, 1, 11, 11, 11);
        assertThat(ends.get(0).timestamp()).isEqualTo(ends.get(2).timestamp());
        assertThat(ends.get(3).timestamp()).isNotEqualTo(ends.get(0).timestamp());
    }

    @Test
    void refusesToSendTonesIntoALegItDoesNotHave() {
        CompletableFuture<Void> sent = telephony.sendTones(CALL, LegId.of("not-mine"), List.of(Tone.ONE))
                .toCompletableFuture();

        assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }

    private static int indexOf(List<Packet> packets, byte[] payload) {
        for (int i = 0; i < packets.size(); i++) {
            if (Arrays.equals(packets.get(i).payload(), payload)) {
                return i;
            }
        }
        return -1;
    }
}
