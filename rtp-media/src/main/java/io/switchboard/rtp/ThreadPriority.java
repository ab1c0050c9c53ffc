package io.switchboard.rtp;

import java.util.Optional;

/**
 * Raises the calling thread above ordinary threads, to nice {@value #NICE} ({@code setpriority(2)} through JNA: the
 * JDK's thread priorities do not reach Linux's scheduler). For a thread whose delay others wait on, such as the
 * one that owns every SIP leg: when the cores are busy (the JIT, other threads, other processes), the kernel then
 * gives it about three times an ordinary thread's share, and it keeps up with the messages it is sent. Unlike the
 * pacers' real-time policy, it never takes a core from the others while they wait.
 *
 * <p>Needs {@code CAP_SYS_NICE}, or an {@code RLIMIT_NICE} of at least {@code 20 - NICE} (systemd's
 * {@code LimitNICE=}{@value #NICE}); without either the kernel refuses and the thread stays as it was.
 */
public final class ThreadPriority {

    public static final int NICE = -5;

    private ThreadPriority() {
    }

    /** Asks for nice {@value #NICE} for the calling thread (Linux's nice is a thread's); empty when granted. */
    public static Optional<String> raiseCurrentThread() {
        return RealtimeScheduling.raiseCurrentThreadNice(NICE);
    }
}
