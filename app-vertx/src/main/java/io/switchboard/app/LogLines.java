package io.switchboard.app;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * What the log formatters share, made cheap: every state change of every call is a line, formatted on the thread
 * that logs it (the SIP signalling thread, a call's thread). Thread-safe; a formatter keeps one for its time stamps.
 */
final class LogLines {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** A second's local time as text: lines of the same second share it. */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last = new Second(Long.MIN_VALUE, "");

    /** Appends {@code 2026-12-05 19:46:40.123} (local time, as {@code yyyy-MM-dd HH:mm:ss.SSS}). */
    void appendTime(Instant time, StringBuilder line) {
        Second second = last;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = new Second(time.getEpochSecond(), SECONDS.format(time)); // a zone's shifts fall on whole seconds
            last = second;
        }
        int millis = time.getNano() / 1_000_000;
        line.append(second.text()).append('.').append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
    }

    /**
     * The record's message with its parameters put in, as {@link Formatter#formatMessage} gives it. Without parsing a
     * {@link MessageFormat} each time where the result is the same: a message of plain text and {@code {n}}
     * placeholders whose parameters are neither numbers nor dates (which it would format by locale) and exist.
     */
    static String message(LogRecord record, Formatter formatter) {
        String format = record.getMessage();
        Object[] parameters = record.getParameters();
        if (format == null || parameters == null || parameters.length == 0 || record.getResourceBundle() != null
                || format.indexOf('\'') >= 0) {
            return formatter.formatMessage(record);
        }
        StringBuilder text = new StringBuilder(format.length() + 64);
        int from = 0;
        for (int open = format.indexOf('{'); open >= 0; open = format.indexOf('{', from)) {
            int close = format.indexOf('}', open);
            int index = close < 0 ? -1 : placeholder(format, open + 1, close);
            if (index < 0 || index >= parameters.length || !plain(parameters[index])) {
                return formatter.formatMessage(record);
            }
            text.append(format, from, open).append(parameters[index]);
            from = close + 1;
        }
        return from == 0 ? formatter.formatMessage(record) : text.append(format, from, format.length()).toString();
    }

    /** The number of a {@code {n}} placeholder between {@code from} and {@code to}, or -1. */
    private static int placeholder(String format, int from, int to) {
        if (to == from || to - from > 2) {
            return -1;
        }
        int index = 0;
        for (int i = from; i < to; i++) {
            char c = format.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /** A parameter {@link MessageFormat} writes as {@code String.valueOf} would. */
    private static boolean plain(Object parameter) {
        return !(parameter instanceof Number || parameter instanceof Date || parameter instanceof TemporalAccessor);
    }
}
