package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.rtp.MediaRecorder.RecordedAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.switchboard.rtp.TestAudio.PCMU;
import static io.switchboard.rtp.TestAudio.db;
import static io.switchboard.rtp.TestAudio.frame;
import static io.switchboard.rtp.TestAudio.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recording a real RTP session on loopback: a peer sends a 1 kHz tone while the session plays 440 Hz to it; the WAV
 * file is read back and measured with Goertzel.
 */
class MediaRecorderTest {

    private static final double APART_DB = 20;

    @TempDir
    Path dir;
    private final RecordingMediaListener listener = new RecordingMediaListener();
    private MediaEngine engine;
    private RtpTestPeer peer;
    private MediaSession session;
    private volatile boolean sending = true;
    private final AtomicInteger sent = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        engine = MediaEngine.start(new MediaConfig("127.0.0.1", 47200, 47299, 2, Duration.ofSeconds(5)));
        peer = new RtpTestPeer();
        session = engine.open(listener);
        session.start(peer.address(), PCMU, -1);
        session.play(MediaOperationId.of("prompt"), tone("a4", 440, 8000 * 30), false);
        startSending();
    }

    @AfterEach
    void tearDown() throws IOException {
        sending = false;
        engine.close();
        peer.close();
    }

    @Test
    void recordsEachSideInItsOwnChannelWhenUnmixed() throws Exception {
        MediaRecorder recorder = engine.openRecorder(dir.resolve("unmixed.wav"), 2, false);
        session.record(recorder.tap(0), recorder.tap(1));
        awaitSent(50);

        RecordedAudio audio = finish(recorder);
        short[][] channels = read(audio.file(), 2);

        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.durationMillis()).isBetween(600L, 3000L);
        short[] caller = middle(channels[0]);
        short[] prompt = middle(channels[1]);
        assertThat(db(caller, 1000)).as("the caller's tone in channel 0").isGreaterThan(db(caller, 440) + APART_DB);
        assertThat(db(prompt, 440)).as("the prompt in channel 1").isGreaterThan(db(prompt, 1000) + APART_DB);
    }

    @Test
    void recordsBothSidesInOneChannelWhenMixed() throws Exception {
        MediaRecorder recorder = engine.openRecorder(dir.resolve("mixed.wav"), 1, false);
        session.record(recorder.tap(0), recorder.tap(0));
        awaitSent(50);

        short[] mixed = middle(read(finish(recorder).file(), 1)[0]);

        assertThat(db(mixed, 1000)).as("caller").isGreaterThan(db(mixed, 700) + APART_DB);
        assertThat(db(mixed, 440)).as("prompt").isGreaterThan(db(mixed, 700) + APART_DB);
    }

    @Test
    void writesNothingWhilePaused() throws Exception {
        MediaRecorder recorder = engine.openRecorder(dir.resolve("paused.wav"), 1, true);
        session.record(recorder.tap(0), recorder.tap(0));
        awaitSent(40);
        recorder.pause(false);
        int resumedAt = sent.get();
        awaitSent(resumedAt + 25);
        recorder.pause(true);
        awaitSent(sent.get() + 40);

        RecordedAudio audio = finish(recorder);

        // About 25 frames (500 ms) were recorded out of 100+ sent: the pauses left no gap of silence behind.
        assertThat(audio.frames()).isBetween(15L, 45L);
        assertThat(Files.size(audio.file())).isEqualTo(WavFile.HEADER_BYTES + audio.bytes());
    }

    @Test
    void keepsTheFileAValidWavWhileItGrows() throws Exception {
        MediaRecorder recorder = engine.openRecorder(dir.resolve("growing.wav"), 1, false);
        session.record(recorder.tap(0), recorder.tap(0));
        Path file = recorder.file();

        // The header is rewritten every second: a crash would leave a playable file up to then.
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && dataSize(file) > 0);
        assertThat(dataSize(file)).isLessThanOrEqualTo(Files.size(file) - WavFile.HEADER_BYTES);
        finish(recorder);
    }

    @Test
    void repairsTheHeaderOfAFileCutShort() throws Exception {
        MediaRecorder recorder = engine.openRecorder(dir.resolve("cut.wav"), 2, false);
        session.record(recorder.tap(0), recorder.tap(1));
        awaitSent(20);
        Path file = finish(recorder).file();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            WavFile.updateSizes(out, 0); // as if the process died before the first header update
            out.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), Files.size(file)); // and mid-sample
        }

        assertThat(MediaRecorder.repair(file)).isTrue();
        assertThat(dataSize(file)).isPositive().isEqualTo(Files.size(file) - WavFile.HEADER_BYTES);
        assertThat(dataSize(file) % 4).isZero();
        assertThat(MediaRecorder.repair(file)).isFalse();
    }

    private RecordedAudio finish(MediaRecorder recorder) throws Exception {
        RecordedAudio audio = recorder.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(engine.activeRecordings()).isZero();
        return audio;
    }

    private void awaitSent(int packets) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() >= packets);
    }

    /** The RTP peer sends a 1 kHz PCMU tone every 20 ms on absolute deadlines (the pacing is the behaviour here). */
    private void startSending() {
        int port = session.localPort();
        Thread thread = new Thread(() -> {
            long next = System.nanoTime();
            for (int tick = 0; sending && tick < 3000; tick++) {
                try {
                    peer.send(frame(PCMU, tick, 1000), port);
                    peer.drain();
                } catch (IOException e) {
                    return;
                }
                sent.incrementAndGet();
                next += 20_000_000L;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "test-rtp-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** The samples of each channel of a 16-bit PCM WAV file, checking its header. */
    static short[][] read(Path wav, int channels) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.getInt(0)).as("RIFF").isEqualTo(0x46464952);
        assertThat(bytes.getShort(22)).as("channels").isEqualTo((short) channels);
        assertThat(bytes.getInt(24)).as("sample rate").isEqualTo(8000);
        int data = bytes.getInt(40);
        assertThat(data).as("data size").isEqualTo(bytes.capacity() - WavFile.HEADER_BYTES);
        int frames = data / 2 / channels;
        short[][] samples = new short[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                samples[c][i] = bytes.getShort(WavFile.HEADER_BYTES + (i * channels + c) * 2);
            }
        }
        return samples;
    }

    private static long dataSize(Path wav) throws IOException {
        try (FileChannel in = FileChannel.open(wav, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(WavFile.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            in.read(header, 0);
            return Integer.toUnsignedLong(header.getInt(40));
        }
    }

    /** The middle half of a track: away from the edges where one side may start a few frames later. */
    private static short[] middle(short[] track) {
        int quarter = track.length / 4;
        return java.util.Arrays.copyOfRange(track, quarter, track.length - quarter);
    }
}
