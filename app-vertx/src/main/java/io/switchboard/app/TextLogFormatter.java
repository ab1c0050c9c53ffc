package io.switchboard.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per log record, as operators grep them: {@code 2026-12-05 19:46:40.000 INFO io.switchboard.call: message},
 * local time, then the stack of an error on the lines after. The line {@code SimpleFormatter} gives with the server's
 * format, without its cost: it asks every record for the class and method that logged it, which JUL finds by walking
 * the stack, for a field this line does not show, and parses its format string each time (and its message's,
 * {@link LogLines}).
 */
final class TextLogFormatter extends Formatter {

    private final LogLines lines = new LogLines();

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        lines.appendTime(record.getInstant(), line);
        line.append(' ').append(record.getLevel().getLocalizedName()).append(' ').append(record.getLoggerName())
                .append(": ").append(LogLines.message(record, this));
        if (record.getThrown() != null) {
            StringWriter stack = new StringWriter();
            try (PrintWriter out = new PrintWriter(stack)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(stack);
        }
        return line.append(System.lineSeparator()).toString();
    }
}
