package io.switchboard.app;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Starts Switchboard with its settings from the environment (and an optional file named by SWITCHBOARD_CONFIG). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // One line per record, as operators grep them; must be set before the first logger is made.
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        AppConfig config;
        try {
            config = AppConfigLoader.load(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: invalid setting: " + e.getMessage());
            System.exit(2);
            return;
        }
        SwitchboardServer server;
        try {
            server = SwitchboardServer.start(config);
        } catch (Exception e) {
            System.err.println("switchboard: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Logger log = System.getLogger("io.switchboard.app");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.log(Level.INFO, "shutting down: hanging up calls, draining webhooks");
            server.stop(config.shutdownGrace());
        }, "switchboard-shutdown"));
        log.log(Level.INFO, "Switchboard listening on " + (config.tls().isPresent() ? "https" : "http") + "://"
                + config.httpHost() + ":" + server.httpPort()
                + (config.sipEnabled() ? ", SIP on udp " + config.sip().host() + ":" + config.sip().port() : ""));
        System.out.println("Connection string: " + server.connectionString());
        server.certificateToTrust().ifPresent(pem -> System.out.println("Self-signed certificate: " + pem
                + " (trust it, e.g. NODE_EXTRA_CA_CERTS=" + pem + " for the JS SDK)"));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
