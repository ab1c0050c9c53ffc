package io.switchboard.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The garbage collector the server runs with: the launcher's choice (scripts/java-collector.sh, run by bash with the
 * real java on the PATH) and the start's line that names it.
 */
class CollectorChoiceTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "java-collector.sh");

    @Test
    void theLauncherChoosesShenandoahWhereTheJvmHasItAndNoCollectorIsNamed() throws Exception {
        // given a java that can (or cannot) run Shenandoah
        boolean shenandoah = run(List.of("java", "-XX:+UseShenandoahGC", "-version")).exitCode() == 0;

        // when the launcher's options name no collector
        Result chosen = choose("-Xmx1g", "-XX:+UseStringDeduplication", "-Xlog:gc");

        // then it adds Shenandoah where the JVM has it, and nothing where it has not
        assertThat(chosen.exitCode()).isZero();
        assertThat(chosen.output().strip()).isEqualTo(shenandoah ? "-XX:+UseShenandoahGC" : "");
    }

    @Test
    void whereTheJvmHasNoShenandoahTheLauncherAddsNothing(@TempDir Path bin) throws Exception {
        // given a java on the PATH that refuses Shenandoah, as Oracle's builds do
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor option; do\n  [ \"$option\" = -XX:+UseShenandoahGC ] && "
                + "{ echo 'Unrecognized VM option UseShenandoahGC' >&2; exit 1; }\ndone\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));

        // when the launcher chooses
        Result chosen = run(List.of("bash", "-c", "PATH=\"$1:$PATH\"; source \"$0\" && switchboard_collector",
                SCRIPT.toString(), bin.toString()));

        // then the JVM keeps its default
        assertThat(chosen.exitCode()).isZero();
        assertThat(chosen.output()).isEmpty();
    }

    @Test
    void aCollectorNamedInTheOptionsIsLeftAlone() throws Exception {
        for (String named : List.of("-XX:+UseG1GC", "-XX:+UseZGC", "-XX:+UseParallelGC")) {
            Result chosen = choose("-Xmx1g", named);

            assertThat(chosen.exitCode()).isZero();
            assertThat(chosen.output()).as(named).isEmpty();
        }
    }

    @Test
    void theStartNamesTheCollectorAndUnderG1WhatItsPausesDo() {
        String shenandoah = Main.jvm(List.of("Shenandoah Pauses", "Shenandoah Cycles"), 2048L << 20);
        String g1 = Main.jvm(List.of("G1 Young Generation", "G1 Old Generation"), 512L << 20);

        assertThat(shenandoah).startsWith("JVM: Java " + Runtime.version().feature() + " (")
                .contains("collector Shenandoah, heap up to 2048 MiB").doesNotContain("pacers");
        assertThat(g1).contains("collector G1, heap up to 512 MiB; its young collections stop the RTP pacers")
                .contains("-XX:+UseShenandoahGC");
        assertThat(Main.jvm(List.of(), 1L << 30)).contains("collector unknown");
    }

    private static Result choose(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source \"$0\" && switchboard_collector \"$@\"", SCRIPT.toString()));
        command.addAll(List.of(options));
        return run(command);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("collector", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within 30 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
