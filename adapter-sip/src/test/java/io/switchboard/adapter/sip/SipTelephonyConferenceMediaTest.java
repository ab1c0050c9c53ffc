package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Event;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.PlayEnded;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.rtp.MediaConfig;
import io.switchboard.rtp.MediaEngine;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLER;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three test UAs in one call over SIP with the real RTP media engine: who hears whom, measured on the decoded audio
 * each receives (Goertzel), prompts to everyone, and legs leaving.
 */
class SipTelephonyConferenceMediaTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LISTEN = Duration.ofMillis(500);
    /** Long enough for several listening windows while the prompt plays. */
    private static final int PROMPT_MILLIS = 2500;
    private static final double MARGIN_DB = 20;
    private static final double A_HZ = 1000;
    private static final double B_HZ = 2000;
    private static final double C_HZ = 1500;
    private static final double PROMPT_HZ = 500;
    private static final double NOTHING_HZ = 3000;
    private static final List<String> NAMES = List.of("a", "b", "c");

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final List<TestUserAgent> uas = new ArrayList<>();
    private final List<PacedToneSender> senders = new ArrayList<>();
    private final List<LegId> legs = NAMES.stream().map(name -> LegId.of("leg-" + name)).toList();
    private MediaEngine engine;
    private SipTelephony telephony;

    @BeforeEach
    void threeAnsweredLegsInOneCall() throws Exception {
        int base = 45_000 + 2 * (int) (ProcessHandle.current().pid() % 2000);
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", base, base + 99, 2, Duration.ofSeconds(30)));
        Map<String, String> users = new HashMap<>();
        for (String name : NAMES) {
            int port = freeUdpPort();
            uas.add(TestUserAgent.start(port));
            users.put("8:acs:" + name, "sip:" + name + "@127.0.0.1:" + port);
        }
        telephony = SipTelephony.start(new SipConfig("127.0.0.1", freeUdpPort(), Optional.empty(), users,
                "switchboard", Duration.ofMillis(50)), engine, events, incoming);
        for (int i = 0; i < NAMES.size(); i++) {
            telephony.dial(new DialRequest(CALL, legs.get(i), new CommunicationUserIdentifier("8:acs:" + NAMES.get(i)),
                    Optional.of(CALLER), WAIT));
            assertThat(events.await(i + 1, WAIT)).endsWith(new Answered(legs.get(i)));
        }
        double[] tones = {A_HZ, B_HZ, 0};
        for (int i = 0; i < NAMES.size(); i++) {
            RemoteAudio switchboard = uas.get(i).switchboardMedia();
            senders.add(PacedToneSender.start(uas.get(i).rtp(),
                    new InetSocketAddress(switchboard.address(), switchboard.port()), tones[i]));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (PacedToneSender sender : senders) {
            sender.close();
        }
        if (telephony != null) {
            telephony.close();
        }
        uas.forEach(TestUserAgent::close);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyLegHearsTheOthersButNotItself() throws Exception {
        // when, then: once the jitter buffers have filled
        untilHeard(() -> {
            List<short[]> heard = listen(0, 1, 2);
            assertHears(heard.get(0), "A", B_HZ, A_HZ);
            assertHears(heard.get(1), "B", A_HZ, B_HZ);
            assertHears(heard.get(2), "C", A_HZ, NOTHING_HZ);
            assertHears(heard.get(2), "C", B_HZ, NOTHING_HZ);
        });
    }

    @Test
    void promptToEveryLegReachesAllAndIsReportedOnce() throws Exception {
        // given
        MediaOperationId operation = MediaOperationId.of("op-all");

        // when
        telephony.play(new PlaybackRequest(CALL, operation, legs, prompt(PROMPT_MILLIS), false));

        // then
        untilHeard(() -> {
            List<short[]> heard = listen(0, 1, 2);
            for (int i = 0; i < 3; i++) {
                assertHears(heard.get(i), NAMES.get(i).toUpperCase(), PROMPT_HZ, NOTHING_HZ);
            }
            assertHears(heard.get(0), "A during the prompt", B_HZ, A_HZ);
        });
        assertThat(awaitPlayEnded(operation)).isEqualTo(1);
    }

    @Test
    void theOthersStillHearEachOtherWhenOneHangsUpAndTheLastGetsPromptsAlone() throws Exception {
        // when: A hangs up, C starts talking
        uas.get(0).hangUp();
        events.awaitEnded(legs.get(0), WAIT);
        senders.get(2).frequency(C_HZ);

        // then: B and C hear each other, nobody hears A any more
        untilHeard(() -> {
            List<short[]> heard = listen(1, 2);
            assertHears(heard.get(0), "B", C_HZ, A_HZ);
            assertHears(heard.get(0), "B", C_HZ, B_HZ);
            assertHears(heard.get(1), "C", B_HZ, A_HZ);
            assertHears(heard.get(1), "C", B_HZ, C_HZ);
        });

        // when: B hangs up too; C, alone, is played a prompt
        uas.get(1).hangUp();
        events.awaitEnded(legs.get(1), WAIT);
        MediaOperationId operation = MediaOperationId.of("op-c");
        telephony.play(new PlaybackRequest(CALL, operation, List.of(legs.get(2)), prompt(PROMPT_MILLIS), false));

        // then
        untilHeard(() -> {
            short[] alone = listen(2).get(0);
            assertHears(alone, "C alone", PROMPT_HZ, B_HZ);
            assertHears(alone, "C alone", PROMPT_HZ, C_HZ);
        });
        assertThat(awaitPlayEnded(operation)).isEqualTo(1);
        assertThat(events.events()).contains(new Ended(legs.get(0), ResultInformation.REMOTE_HUNG_UP),
                new Ended(legs.get(1), ResultInformation.REMOTE_HUNG_UP));
    }

    @Test
    void legsMovedToAnotherCallHearThatCallAndNoLongerTheirOwn() throws Exception {
        // given: C talks too
        senders.get(2).frequency(C_HZ);
        CallConnectionId other = CallConnectionId.of("call-2");

        // when: A and C move to another call; B, left alone, is played a prompt
        telephony.moveLeg(legs.get(0), other);
        telephony.moveLeg(legs.get(2), other);
        telephony.play(new PlaybackRequest(CALL, MediaOperationId.of("op-b"), List.of(legs.get(1)),
                prompt(PROMPT_MILLIS), false));

        // then: A and C hear each other only, B hears its prompt only
        untilHeard(() -> {
            List<short[]> heard = listen(0, 1, 2);
            assertHears(heard.get(0), "A", C_HZ, B_HZ);
            assertHears(heard.get(2), "C", A_HZ, B_HZ);
            assertHears(heard.get(1), "B", PROMPT_HZ, A_HZ);
            assertHears(heard.get(1), "B", PROMPT_HZ, C_HZ);
        });

        // when: the call they moved to plays a prompt to both
        telephony.play(new PlaybackRequest(other, MediaOperationId.of("op-other"), List.of(legs.get(0), legs.get(2)),
                prompt(PROMPT_MILLIS), false));

        // then: both hear the prompt of their new call, B (left behind) does not
        untilHeard(() -> {
            List<short[]> heard = listen(0, 2);
            assertHears(heard.get(0), "A", PROMPT_HZ, B_HZ);
            assertHears(heard.get(1), "C", PROMPT_HZ, B_HZ);
        });

        // when: A hangs up, and a move of its leg comes after that
        uas.get(0).hangUp();
        events.awaitEnded(legs.get(0), WAIT);
        telephony.moveLeg(legs.get(0), CALL);
        settle(telephony);

        // then: its end is reported again, for the call it was moving to
        Ended ended = new Ended(legs.get(0), ResultInformation.REMOTE_HUNG_UP);
        assertThat(events.events().stream().filter(ended::equals).count()).isEqualTo(2);
    }

    @Test
    void recordsEachLegOnItsOwnChannelAndThePromptsOnTheLast(@TempDir Path dir) throws Exception {
        // given: B asked for on channel 0, the others in join order
        RecordingId id = new RecordingId("rec-unmixed");
        Path file = dir.resolve("unmixed.wav");
        CompletableFuture<RecordedFile> recorded = telephony.record(new RecordingRequest(CALL, id,
                RecordingChannels.UNMIXED, legs, List.of(legs.get(1)), false, file)).toCompletableFuture();

        // when: a prompt plays to everyone while A and B talk, for a second and a half of audio
        telephony.play(new PlaybackRequest(CALL, MediaOperationId.of("op-rec"), legs, prompt(PROMPT_MILLIS), false));
        awaitRecorded(file, 8000 * 2 * 5 * 3 / 2);
        telephony.stopRecording(CALL, id);
        RecordedFile done = recorded.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // then
        assertThat(done.legChannels()).isEqualTo(Map.of(legs.get(1), 0, legs.get(0), 1, legs.get(2), 2));
        short[][] channels = Wav.channels(file);
        assertThat(channels).hasNumberOfRows(5);
        assertHears(channels[0], "channel 0 (B)", B_HZ, A_HZ);
        assertHears(channels[0], "channel 0 (B)", B_HZ, PROMPT_HZ);
        assertHears(channels[1], "channel 1 (A)", A_HZ, B_HZ);
        assertHears(channels[1], "channel 1 (A)", A_HZ, PROMPT_HZ);
        assertThat(Goertzel.powerDb(channels[2], A_HZ)).as("channel 2 (C, silent)").isLessThan(20);
        assertHears(channels[4], "channel 4 (the prompt)", PROMPT_HZ, A_HZ);
        assertHears(channels[4], "channel 4 (the prompt)", PROMPT_HZ, B_HZ);
        assertThat(done.length()).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void recordsEveryoneAndThePromptInOneTrackWhenMixed(@TempDir Path dir) throws Exception {
        RecordingId id = new RecordingId("rec-mixed");
        Path file = dir.resolve("mixed.wav");
        CompletableFuture<RecordedFile> recorded = telephony.record(new RecordingRequest(CALL, id,
                RecordingChannels.MIXED, legs, List.of(), false, file)).toCompletableFuture();

        telephony.play(new PlaybackRequest(CALL, MediaOperationId.of("op-rec"), legs, prompt(PROMPT_MILLIS), false));
        awaitRecorded(file, 8000 * 2);
        telephony.stopRecording(CALL, id);
        recorded.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        short[] mixed = Wav.channels(file)[0];
        assertHears(mixed, "the mixed track", A_HZ, NOTHING_HZ);
        assertHears(mixed, "the mixed track", B_HZ, NOTHING_HZ);
        assertHears(mixed, "the mixed track", PROMPT_HZ, NOTHING_HZ);
    }

    /** Waits until the recording's file declares at least {@code bytes} of audio (the writer updates it each second). */
    private static void awaitRecorded(Path file, long bytes) {
        await("recorded audio").atMost(Duration.ofSeconds(15))
                .until(() -> Files.exists(file) && Wav.declaredDataBytes(file) >= bytes);
    }

    /** What the given UAs receive during the same {@link #LISTEN} window. */
    private List<short[]> listen(int... indexes) throws Exception {
        List<CompletableFuture<short[]>> received = new ArrayList<>();
        for (int i : indexes) {
            RtpPeer peer = uas.get(i).rtp();
            peer.drain();
            received.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return peer.receiveAudio(LISTEN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<short[]> audio = new ArrayList<>();
        for (CompletableFuture<short[]> future : received) {
            audio.add(future.get());
        }
        return audio;
    }

    private static void assertHears(short[] audio, String who, double present, double absent) {
        double presentDb = Goertzel.powerDb(audio, present);
        double absentDb = Goertzel.powerDb(audio, absent);
        assertThat(audio.length).as("%s received audio", who).isGreaterThan((int) (8 * LISTEN.toMillis() / 2));
        assertThat(presentDb - absentDb)
                .as("%s: %.0f Hz at %.1f dB over %.0f Hz at %.1f dB", who, present, presentDb, absent, absentDb)
                .isGreaterThanOrEqualTo(MARGIN_DB);
    }

    private static AudioClip prompt(int millis) {
        short[] samples = new short[8 * millis];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * PROMPT_HZ * i / 8000));
        }
        return new AudioClip("prompt-" + millis, samples);
    }

    /**
     * Listens, window after window, until what is heard passes the checks; audio starts flowing once the jitter
     * buffers have filled, which takes a few packet times on a loaded machine.
     */
    private static void untilHeard(ThrowingRunnable check) {
        await("the expected audio").atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .untilAsserted(check);
    }

    /** Waits for the playback's end and for the adapter to have handled all reports; how often it was reported. */
    private long awaitPlayEnded(MediaOperationId operation) throws Exception {
        PlayEnded ended = new PlayEnded(CALL, PlayOperation.Outcome.completed(operation));
        await("the end of " + operation).atMost(WAIT).until(() -> events.events().contains(ended));
        settle(telephony);
        List<Event> all = events.events();
        return all.stream().filter(ended::equals).count();
    }
}
