package io.switchboard.adapter.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What Linux says of threads' nice values, for the tests of threads the server raises (also used by app-vertx's). */
public final class NiceValues {

    private NiceValues() {
    }

    /** The calling thread's nice value: field 19 of /proc/thread-self/stat, counted after the command's ')'. */
    public static int ofThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[19 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this process may raise a thread to nice -5: CAP_SYS_NICE (bit 23 of CapEff) or RLIMIT_NICE >= 25. */
    public static boolean processMayRaise() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        String effective = status.stream().filter(line -> line.startsWith("CapEff:")).findFirst().orElseThrow()
                .substring(7).trim();
        String limit = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max nice priority")).findFirst().orElseThrow()
                .substring(26).trim().split("\\s+")[0];
        return (Long.parseUnsignedLong(effective, 16) & (1L << 23)) != 0
                || limit.equals("unlimited") || Integer.parseInt(limit) >= 25;
    }
}
