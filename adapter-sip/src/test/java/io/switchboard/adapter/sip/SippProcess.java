package io.switchboard.adapter.sip;

import org.awaitility.Awaitility;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One SIPp process running a scenario of {@code interop/sipp} as a UAS on 127.0.0.1, for one call or a few. */
public final class SippProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private SippProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code sipp -sf <scenario>} listening on {@code sipPort}, sending RTP from {@code rtpPort}. */
    public static SippProcess start(Path scenarioDir, String scenario, int sipPort, int rtpPort) throws IOException {
        return start(scenarioDir, scenario, sipPort, rtpPort, 1);
    }

    /** As {@link #start(Path, String, int, int)}, answering {@code calls} calls (at once or not) before it exits. */
    public static SippProcess start(Path scenarioDir, String scenario, int sipPort, int rtpPort, int calls)
            throws IOException {
        return start(scenarioDir, scenario, sipPort, rtpPort, calls, List.of());
    }

    /** As {@link #start(Path, String, int, int, int)}, with more of SIPp's options (e.g. {@code -rtp_echo}). */
    public static SippProcess start(Path scenarioDir, String scenario, int sipPort, int rtpPort, int calls,
                                    List<String> options) throws IOException {
        Path log = Path.of("target", "sipp-" + scenario.replace(".xml", "") + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of("sipp", "-sf", scenario, "-i", "127.0.0.1",
                "-p", Integer.toString(sipPort), "-mi", "127.0.0.1", "-mp", Integer.toString(rtpPort),
                "-m", Integer.toString(calls),
                "-timeout", "30s", "-timeout_error", "-nostdin"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(scenarioDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        SippProcess sipp = new SippProcess(builder.start(), log);
        sipp.awaitListening(sipPort);
        return sipp;
    }

    /**
     * SIPp needs a moment to bind: wait until its port shows in /proc/net/udp (or /proc/net/tcp with {@code -t t1});
     * probing by binding would race.
     */
    private void awaitListening(int port) {
        String local = String.format(":%04X ", port);
        Awaitility.await("sipp listening on " + port).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("sipp did not start: " + output());
                    }
                    return Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(l -> l.contains(local))
                            || Files.readAllLines(Path.of("/proc/net/tcp")).stream().anyMatch(l -> l.contains(local));
                });
    }

    /** Waits for SIPp to finish its calls; returns its exit code (0: every call went as scripted). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sipp still running after " + timeout + ": " + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }


    @Override
    public void close() {
        process.destroy(); // SIGTERM to sipp itself, never to a wrapper
    }
}
