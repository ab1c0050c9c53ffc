package io.switchboard.adapter.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an installed program the way the speech engines need it: its output read whole, bounded in time and size. */
final class Programs {

    private static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

    private Programs() {
    }

    /**
     * Runs {@code command} and returns what it wrote to standard output.
     *
     * @throws IOException naming the program when it cannot start, runs longer than {@code timeout}, writes more than
     *                     64 MB or exits with another status than 0 (its last error line is in the message)
     */
    static byte[] run(List<String> command, Duration timeout) throws IOException {
        Path errors = Files.createTempFile("switchboard-engine", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] output;
            try (InputStream out = process.getInputStream()) {
                output = readBounded(out);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " ran longer than " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(errors);
                throw new IOException(command.get(0) + " exited with " + process.exitValue()
                        + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** Whether {@code program} is on the PATH (or is an executable path). */
    static boolean installed(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (out.size() + read > MAX_OUTPUT_BYTES) {
                throw new IOException("more than " + MAX_OUTPUT_BYTES + " bytes of output");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
