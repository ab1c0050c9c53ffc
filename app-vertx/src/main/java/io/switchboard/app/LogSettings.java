package io.switchboard.app;

import java.util.Locale;
import java.util.Objects;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the server logs: one line per record on standard error, as text ({@link TextLogFormatter}, the default) or as
 * one JSON object per line for log collectors ({@link JsonLogFormatter}), from {@code level} up.
 *
 * @param json  {@code SWITCHBOARD_LOG_FORMAT=json}
 * @param level {@code SWITCHBOARD_LOG_LEVEL}: error, warning, info (the default) or debug, in any case
 */
public record LogSettings(boolean json, String level) {

    public static final LogSettings DEFAULTS = new LogSettings(false, "info");

    public LogSettings {
        Objects.requireNonNull(level, "level");
        level = level.toLowerCase(Locale.ROOT);
        julLevel(level); // refuses an unknown one
    }

    /** The logging level a setting names (kept as the setting's word: no logging framework type is held). */
    private static Level julLevel(String name) {
        return switch (name) {
            case "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            default -> throw new IllegalArgumentException("SWITCHBOARD_LOG_LEVEL: " + name
                    + " (expected: error, warning, info or debug)");
        };
    }

    /** Replaces the root logger's handlers with one on standard error in this format and level. */
    void apply() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(json ? new JsonLogFormatter() : new TextLogFormatter());
        console.setLevel(julLevel(level));
        root.addHandler(console);
        root.setLevel(julLevel(level));
    }
}
