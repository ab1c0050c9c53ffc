package io.switchboard.app;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log record, per line, for log collectors: {@code time}, {@code level}, {@code logger},
 * {@code message}, the {@code callId} when the message is about a call (its lines name it as {@code call <id>}), and
 * the {@code error} with its stack when there is one.
 */
final class JsonLogFormatter extends Formatter {

    /** A call connection id as this server makes them (a UUID); a SIP Call-ID after "call" is not one. */
    private static final Pattern CALL = Pattern.compile(
            "\\bcall ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");

    @Override
    public String format(LogRecord record) {
        String message = LogLines.message(record, this);
        JsonObject line = new JsonObject()
                .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .put("level", record.getLevel().getName())
                .put("logger", record.getLoggerName())
                .put("message", message);
        Matcher call = CALL.matcher(message);
        if (call.find()) {
            line.put("callId", call.group(1));
        }
        if (record.getThrown() != null) {
            StringWriter stack = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(stack));
            line.put("error", stack.toString());
        }
        return line.encode() + System.lineSeparator();
    }
}
