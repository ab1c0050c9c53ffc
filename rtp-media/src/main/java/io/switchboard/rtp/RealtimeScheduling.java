package io.switchboard.rtp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.util.Optional;

/**
 * Moves the calling thread to Linux's real-time {@code SCHED_FIFO} policy at priority {@value #PRIORITY}
 * ({@code sched_setscheduler(2)} through JNA: the JDK cannot ask for a scheduling policy). A pacer under it runs as soon
 * as its 2 ms slot is due, ahead of every ordinary thread (signalling, HTTP, the JIT and GC, other processes), so set-up
 * work and a busy machine no longer delay its packets; the kernel's real-time throttling still leaves other threads
 * 5 % of each core, and the pacer sleeps between slots. {@code SCHED_RESET_ON_FORK}: nothing it starts inherits it.
 *
 * <p>Needs {@code CAP_SYS_NICE}, or an {@code RLIMIT_RTPRIO} of at least {@value #PRIORITY} (systemd's
 * {@code LimitRTPRIO=}); without either the kernel refuses and the thread stays as it was. It also sets a thread's
 * nice value for {@link ThreadPriority}: the one place that calls the C library.
 */
final class RealtimeScheduling {

    static final int PRIORITY = 10;
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int PRIO_PROCESS = 0;

    /** The C library's call. */
    interface C extends Library {
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

        int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    /** Binds the C library on first use (a pacer's start), once. */
    private static final class Bound {
        static final C C_LIBRARY = Native.load("c", C.class);
    }

    private RealtimeScheduling() {
    }

    /** Puts the calling thread back under the ordinary policy ({@code SCHED_OTHER}); always allowed. */
    static void lowerCurrentThread() {
        try {
            Bound.C_LIBRARY.sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, new int[] {0});
        } catch (LastErrorException | LinkageError e) {
            // it then stays where it is; the caller logs what it meant to do
        }
    }

    /** Asks for {@code SCHED_FIFO} {@value #PRIORITY} for the calling thread; empty when granted, else why not. */
    static Optional<String> raiseCurrentThread() {
        if (!Platform.isLinux()) {
            return Optional.of("real-time scheduling is asked of Linux only");
        }
        try {
            Bound.C_LIBRARY.sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, new int[] {PRIORITY});
            return Optional.empty();
        } catch (LastErrorException e) {
            return Optional.of(e.getErrorCode() == EPERM
                    ? "the kernel refused it (EPERM): grant CAP_SYS_NICE or an RLIMIT_RTPRIO of " + PRIORITY
                    + " (systemd: LimitRTPRIO=" + PRIORITY + ")"
                    : "sched_setscheduler failed, errno " + e.getErrorCode());
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("JNA could not call sched_setscheduler (" + e + ")");
        }
    }

    /** Asks for nice {@code nice} for the calling thread (Linux's nice is a thread's); empty when granted. */
    static Optional<String> raiseCurrentThreadNice(int nice) {
        if (!Platform.isLinux()) {
            return Optional.of("a thread's priority is asked of Linux only");
        }
        try {
            Bound.C_LIBRARY.setpriority(PRIO_PROCESS, 0, nice);
            return Optional.empty();
        } catch (LastErrorException e) {
            return Optional.of(e.getErrorCode() == EACCES || e.getErrorCode() == EPERM
                    ? "the kernel refused it: grant CAP_SYS_NICE or an RLIMIT_NICE of " + (20 - nice)
                    + " (systemd: LimitNICE=" + nice + ")"
                    : "setpriority failed, errno " + e.getErrorCode());
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("JNA could not call setpriority (" + e + ")");
        }
    }
}
