package io.switchboard.rtp;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link MediaEngine}, validated on construction.
 *
 * @param bindHost     local address the RTP sockets bind to, e.g. {@code "127.0.0.1"}
 * @param portMin      first RTP port of the range; even, as RTP uses even ports (RFC 3550 §11)
 * @param portMax      last port of the range (inclusive); only its even ports are used
 * @param pacerThreads number of pacing threads shared by all sessions
 * @param mediaTimeout how long a started session may receive no RTP before {@link MediaListener#mediaTimeout()}
 * @param learnSource  strict RTP: whether a session may learn a source other than the address its peer signalled,
 *                     after {@value RtpStream#LEARN_PACKETS} consecutive packets in sequence from it (symmetric RTP
 *                     behind NAT); without it only the signalled address is heard
 * @param realtimePacers whether the pacer threads ask for Linux's real-time scheduling ({@code SCHED_FIFO}, see
 *                     {@link MediaEngine#pacerPriority()}); refused without {@code CAP_SYS_NICE} or an
 *                     {@code RLIMIT_RTPRIO}, and they then run as ordinary threads
 * @throws IllegalArgumentException naming the first invalid field
 */
public record MediaConfig(String bindHost, int portMin, int portMax, int pacerThreads, Duration mediaTimeout,
                          boolean learnSource, boolean realtimePacers) {

    /** Learning a source behind NAT allowed; pacers at ordinary priority. */
    public MediaConfig(String bindHost, int portMin, int portMax, int pacerThreads, Duration mediaTimeout) {
        this(bindHost, portMin, portMax, pacerThreads, mediaTimeout, true);
    }

    /** Pacers at ordinary priority. */
    public MediaConfig(String bindHost, int portMin, int portMax, int pacerThreads, Duration mediaTimeout,
                       boolean learnSource) {
        this(bindHost, portMin, portMax, pacerThreads, mediaTimeout, learnSource, false);
    }

    public MediaConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost: empty (expected: an IP address, e.g. 127.0.0.1)");
        }
        if (portMin < 1024 || portMin > 65534) {
            throw new IllegalArgumentException("portMin: " + portMin + " (expected: 1024-65534)");
        }
        if (portMin % 2 != 0) {
            throw new IllegalArgumentException("portMin: " + portMin + " (expected: an even port, RTP convention)");
        }
        if (portMax < portMin || portMax > 65535) {
            throw new IllegalArgumentException(
                    "portMax: " + portMax + " (expected: " + portMin + "-65535, a non-empty range from portMin)");
        }
        if (pacerThreads < 1 || pacerThreads > 64) {
            throw new IllegalArgumentException("pacerThreads: " + pacerThreads + " (expected: 1-64)");
        }
        if (mediaTimeout.isZero() || mediaTimeout.isNegative()) {
            throw new IllegalArgumentException("mediaTimeout: " + mediaTimeout + " (expected: a positive duration)");
        }
    }

    /** 127.0.0.1, ports 10000-29999 (10,000 legs), 2 pacer threads at ordinary priority, 60 s media timeout. */
    public static MediaConfig defaults() {
        return new MediaConfig("127.0.0.1", 10000, 29999, 2, Duration.ofSeconds(60));
    }

    /** Number of usable (even) ports in the range. */
    public int portCount() {
        return (portMax - portMin) / 2 + 1;
    }
}
