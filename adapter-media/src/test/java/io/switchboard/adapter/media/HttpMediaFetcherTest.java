package io.switchboard.adapter.media;

import io.switchboard.adapter.media.WavBuilder.Kind;
import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.media.WavBuilder.sine;
import static io.switchboard.adapter.media.WavBuilder.wav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(VertxExtension.class)
class HttpMediaFetcherTest {

    private static final long MAX_BYTES = 1024 * 1024;

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();
    private MediaServer server;
    private HttpMediaFetcher fetcher;

    @BeforeEach
    void start(Vertx vertx) throws IOException {
        // 0.5 s of a 1 kHz tone at 16 kHz
        Files.write(root.resolve("tone.wav"), wav(Kind.S16, 16000).build(sine(1000, 16000, 8000, 0.5)));
        Files.write(root.resolve("other.wav"), wav(Kind.ULAW, 8000).build(sine(500, 8000, 1600, 0.5)));
        Files.write(root.resolve("song.mp3"), new byte[]{'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0});
        Files.write(root.resolve("big.wav"), wav(Kind.S16, 8000).build(new double[(int) MAX_BYTES]));
        server = MediaServer.start(vertx, root);
        fetcher = HttpMediaFetcher.create(vertx, config());
    }

    @AfterEach
    void stop() {
        fetcher.close();
    }

    @Test
    void decodesAServedWaveToEightKilohertzMono() throws Exception {
        // when
        AudioClip clip = await(fetcher.fetch(file("/files/tone.wav")));

        // then
        assertThat(clip.samples()).hasSize(4000);
        assertThat(clip.key()).isEqualTo("uri:" + server.uri("/files/tone.wav"));
        assertThat(peak(clip)).isBetween((short) 15000, (short) 17500);
    }

    @Test
    void followsRedirects() throws Exception {
        // when
        AudioClip clip = await(fetcher.fetch(file("/redirect")));

        // then
        assertThat(clip.samples()).hasSize(4000);
    }

    @Test
    void refusesAddressesThePolicyDoesNotAllowBeforeSendingAnything(Vertx vertx) {
        HttpMediaFetcher publicOnly = HttpMediaFetcher.create(vertx, config().withOutbound(OutboundPolicy.of("")));

        ResultInformation result = failure(publicOnly.fetch(file("/files/tone.wav")));

        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("127.0.0.1 is a loopback address, which this server does not send "
                + "requests to");
        assertThat(server.requests("/files/tone.wav")).isZero();
        publicOnly.close();
    }

    @Test
    void checksEveryRedirectAgainstThePolicy() {
        ResultInformation result = failure(fetcher.fetch(file("/redirect-to-metadata")));

        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("169.254.169.254 is a link-local or cloud metadata address");
    }

    @Test
    void passesOnTheStatusOfAFailureButNothingTheServerSaid() {
        ResultInformation result = failure(fetcher.fetch(file("/secret-error")));

        assertThat(result.message()).contains("HTTP 500").doesNotContain("hunter2");
    }

    @Test
    void failsWithDownloadFailedNamingTheStatusOfANon2xxResponse() {
        // when
        ResultInformation result = failure(fetcher.fetch(file("/files/missing.wav")));

        // then
        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("HTTP 404");
    }

    @Test
    void failsWithDownloadFailedWhenTheConnectionIsRefused() throws IOException {
        // given
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        // when
        ResultInformation result = failure(fetcher.fetch(
                new FilePlaySource(URI.create("http://127.0.0.1:" + port + "/a.wav"), Optional.empty())));

        // then
        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("cannot connect to http://127.0.0.1:" + port);
    }

    @Test
    void failsWithDownloadFailedWhenTheServerIsTooSlow(Vertx vertx) {
        // given: the server sends headers and 4 bytes, then nothing
        HttpMediaFetcher impatient =
                HttpMediaFetcher.create(vertx, config().withDownloadTimeout(Duration.ofMillis(300)));

        // when
        ResultInformation result = failure(impatient.fetch(file("/slow")));

        // then
        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("within 300 ms");
        impatient.close();
    }

    @Test
    void refusesABodyDeclaredLargerThanTheLimitWithoutReadingIt() {
        // when
        ResultInformation result = failure(fetcher.fetch(file("/files/big.wav")));

        // then
        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("body larger than " + MAX_BYTES + " bytes").contains("Content-Length");
    }

    @Test
    void abortsAStreamedBodyOnceItExceedsTheLimit() throws InterruptedException {
        // when
        ResultInformation result = failure(fetcher.fetch(file("/stream")));

        // then
        assertThat(result.subCode()).isEqualTo(8536);
        assertThat(result.message()).contains("body larger than " + MAX_BYTES + " bytes");
        Awaitility.await("the server seeing the connection closed before the end").atMost(Duration.ofSeconds(2))
                .until(server::streamAborted);
    }

    @Test
    void failsWithInvalidFileFormatForAnHtmlPageOrAnMp3() {
        // when
        ResultInformation html = failure(fetcher.fetch(file("/html")));
        ResultInformation mp3 = failure(fetcher.fetch(file("/files/song.mp3")));

        // then
        assertThat(html.subCode()).isEqualTo(8535);
        assertThat(html.message()).contains("found an HTML page").contains("expected WAV (RIFF/WAVE)");
        assertThat(mp3.subCode()).isEqualTo(8535);
        assertThat(mp3.message()).contains("found MP3 audio");
    }

    @Test
    void servesACachedClipWithoutAskingTheServerAgain() throws Exception {
        // given
        AudioClip first = await(fetcher.fetch(file("/files/tone.wav")));

        // when
        AudioClip second = await(fetcher.fetch(file("/files/tone.wav")));

        // then
        assertThat(second).isSameAs(first);
        assertThat(server.requests("/files/tone.wav")).isEqualTo(1);
    }

    @Test
    void sharesOneDownloadBetweenConcurrentFetchesOfTheSameKey() throws Exception {
        // given
        CompletionStage<AudioClip> first = fetcher.fetch(file("/delayed/tone.wav"));

        // when
        CompletionStage<AudioClip> second = fetcher.fetch(file("/delayed/tone.wav"));

        // then
        assertThat(await(second)).isSameAs(await(first));
        assertThat(server.requests("/delayed/tone.wav")).isEqualTo(1);
    }

    @Test
    void fetchesAgainOnceTheCachedClipHasExpired() throws Exception {
        // given
        await(fetcher.fetch(file("/files/tone.wav")));
        clock.advance(MediaFetcherConfig.DEFAULT_CACHE_TTL.minusSeconds(1));
        await(fetcher.fetch(file("/files/tone.wav")));

        // when
        clock.advance(Duration.ofSeconds(1));
        await(fetcher.fetch(file("/files/tone.wav")));

        // then
        assertThat(server.requests("/files/tone.wav")).isEqualTo(2);
    }

    @Test
    void keysByCacheIdAsAcsDoes() throws Exception {
        // given
        URI tone = server.uri("/files/tone.wav");
        URI other = server.uri("/files/other.wav");

        // when
        AudioClip a = await(fetcher.fetch(new FilePlaySource(tone, Optional.of("a"))));
        AudioClip b = await(fetcher.fetch(new FilePlaySource(tone, Optional.of("b"))));
        AudioClip aAgain = await(fetcher.fetch(new FilePlaySource(other, Optional.of("a"))));

        // then: different ids are different clips; the same id is the same clip whatever the URI
        assertThat(b).isNotSameAs(a);
        assertThat(b.key()).isEqualTo("id:b");
        assertThat(server.requests("/files/tone.wav")).isEqualTo(2);
        assertThat(aAgain).isSameAs(a);
        assertThat(server.requests("/files/other.wav")).isZero();
    }

    @Test
    void doesNotCacheFailures() {
        // given
        failure(fetcher.fetch(file("/files/missing.wav")));

        // when
        failure(fetcher.fetch(file("/files/missing.wav")));

        // then
        assertThat(server.requests("/files/missing.wav")).isEqualTo(2);
    }

    /** A timeout generous enough for a cold JVM on a busy machine; the slow-server test uses its own. */
    private MediaFetcherConfig config() {
        return MediaFetcherConfig.defaults().withMaxFileBytes(MAX_BYTES).withDownloadTimeout(Duration.ofSeconds(4))
                .withClock(clock);
    }

    private FilePlaySource file(String path) {
        return new FilePlaySource(server.uri(path), Optional.empty());
    }

    private static AudioClip await(CompletionStage<AudioClip> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static ResultInformation failure(CompletionStage<AudioClip> stage) {
        Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(AudioUnavailableException.class);
        return ((AudioUnavailableException) thrown.getCause()).result();
    }

    private static short peak(AudioClip clip) {
        short peak = 0;
        for (short s : clip.samples()) {
            peak = (short) Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
