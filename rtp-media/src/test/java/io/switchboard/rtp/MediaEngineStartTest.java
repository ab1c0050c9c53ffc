package io.switchboard.rtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a media engine does as it starts, seen from a JVM of its own: in this one, other tests have long since loaded
 * and initialised the classes in question.
 */
class MediaEngineStartTest {

    private static final String STARTED = "media engine started";

    @Test
    void buildsBothG711TablesBeforeItsPacersRun(@TempDir Path dir) throws IOException, InterruptedException {
        // given: a fresh JVM that logs each class as it is initialised (thousands of lines: to a file, not a pipe
        // it could fill), then starts an engine and says so
        Path log = dir.resolve("jvm.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+init=info:stdout", "-cp", System.getProperty("java.class.path"),
                StartOnly.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        // when
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        String tail = output.substring(Math.max(0, output.length() - 4000)); // where a failure shows

        // then: the µ-law and A-law tables were built by the start, not later by a pacer with streams to send
        assertThat(ended).as("the JVM ended within 60 s").isTrue();
        assertThat(process.exitValue()).as(tail).isZero();
        int started = output.indexOf(STARTED);
        assertThat(started).as(tail).isPositive();
        List<String> initialisedBefore = output.substring(0, started).lines()
                .filter(line -> line.contains("Initializing 'io/switchboard/rtp/"))
                .map(line -> line.substring(line.indexOf("Initializing")))
                .toList();
        assertThat(initialisedBefore)
                .anyMatch(line -> line.startsWith("Initializing 'io/switchboard/rtp/MuLaw'"))
                .anyMatch(line -> line.startsWith("Initializing 'io/switchboard/rtp/ALaw'"));
    }

    /** Starts an engine with two pacers, says so, and closes it. */
    static final class StartOnly {

        public static void main(String[] args) {
            MediaConfig config = new MediaConfig("127.0.0.1", 47900, 47903, 2, Duration.ofSeconds(5));
            try (MediaEngine engine = MediaEngine.start(config)) {
                System.out.println(STARTED + " with " + engine.activeSessions() + " sessions");
            }
        }
    }
}
