package io.switchboard.app;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/** Starts Switchboard with its settings from the environment (and an optional file named by SWITCHBOARD_CONFIG). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(answer(args[0]));
            return;
        }
        // One line per record, as operators grep them, and still logged at shutdown; must be set before the first
        // logger is made.
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        AppConfig config;
        try {
            config = AppConfigLoader.load(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: invalid setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        config.logging().apply();
        Logger log = System.getLogger("io.switchboard.app");
        AppConfigLoader.unknownSettings(System.getenv()).forEach(warning -> log.log(Level.WARNING, warning));
        SwitchboardServer server;
        try {
            server = SwitchboardServer.start(config);
        } catch (Exception e) {
            System.err.println("switchboard: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        server.warmUp();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.log(Level.INFO, "shutting down: hanging up calls, draining webhooks");
            server.stop(config.shutdownGrace());
            log.log(Level.INFO, "stopped");
            ShutdownLogManager.stopped();
        }, "switchboard-shutdown"));
        log.log(Level.INFO, jvm(ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList(), Runtime.getRuntime().maxMemory()));
        log.log(Level.INFO, "Switchboard " + Version.current() + " listening on "
                + (config.tls().isPresent() ? "https" : "http") + "://" + config.httpHost() + ":" + server.httpPort()
                + (config.sipEnabled() ? ", SIP on udp " + config.sip().host() + ":" + config.sip().port() : ""));
        System.out.println("Connection string: " + server.connectionString());
        server.certificateToTrust().ifPresent(pem -> System.out.println("Self-signed certificate: " + pem
                + " (trust it, e.g. NODE_EXTRA_CA_CERTS=" + pem + " for the JS SDK)"));
    }

    /**
     * Answers {@code --version} and {@code --help}; anything else is refused (the server takes its settings from the
     * environment, not from arguments).
     *
     * @return the exit code
     */
    static int answer(String argument) {
        switch (argument) {
            case "--version" -> {
                System.out.println("switchboard " + Version.current());
                return 0;
            }
            case "--help", "-h" -> {
                System.out.println(help());
                return 0;
            }
            default -> {
                System.err.println("switchboard: unknown argument " + argument + " (expected: --help or --version; "
                        + "settings are SWITCHBOARD_* environment variables)");
                return 2;
            }
        }
    }

    static String help() {
        return String.join(System.lineSeparator(),
                "Switchboard " + Version.current() + ": a self-hosted Call Automation server (the ACS wire).",
                "",
                "Usage: ./switchboard            start the server (or: java -jar switchboard.jar)",
                "       ./switchboard --version  print the version",
                "       ./switchboard --help     print this",
                "",
                "Settings are environment variables, or a properties file named by SWITCHBOARD_CONFIG (same keys;",
                "the environment wins); switchboard.example.properties lists them with their defaults, README.md",
                "explains them. Unknown SWITCHBOARD_* keys are warned about at start. The settings:",
                "  " + String.join(System.lineSeparator() + "  ", new java.util.TreeSet<>(AppConfigLoader.KNOWN)));
    }

    /**
     * The start's line on the JVM: its version, its garbage collector (the first word of its first collector's name:
     * "G1", "Shenandoah", "ZGC") and its heap limit; under G1 also what its pauses do to the media, and the remedy.
     *
     * @param collectors the names of the JVM's {@link GarbageCollectorMXBean}s
     * @param maxHeap    the heap limit in bytes ({@link Runtime#maxMemory()})
     */
    static String jvm(List<String> collectors, long maxHeap) {
        String collector = collectors.isEmpty() ? "unknown" : collectors.get(0).split(" ")[0];
        return "JVM: Java " + Runtime.version().feature() + " (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version") + "), collector " + collector + ", heap up to "
                + (maxHeap >> 20) + " MiB" + (collector.equals("G1") ? "; its young collections stop the RTP pacers "
                + "(tens of milliseconds under load): -XX:+UseShenandoahGC, which ./switchboard chooses where the JVM "
                + "has it, does not (README, The garbage collector)" : "");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
