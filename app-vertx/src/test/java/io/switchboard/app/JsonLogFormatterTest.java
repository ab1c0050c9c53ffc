package io.switchboard.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogFormatterTest {

    private final JsonLogFormatter formatter = new JsonLogFormatter();

    private JsonObject format(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.switchboard.call");
        record.setMillis(1_796_500_000_000L);
        record.setThrown(thrown);
        String line = formatter.format(record);
        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
        return new JsonObject(line);
    }

    @Test
    void writesOneObjectPerRecordWithTheCallIdOfTheCallItIsAbout() {
        JsonObject line = format(Level.INFO, "call 2fedc36a-34e1-4cb7-9e14-71f81d544bb8 connected (0 Call connected.)",
                null);

        assertThat(line.getString("time")).isEqualTo("2026-12-05T19:46:40Z");
        assertThat(line.getString("level")).isEqualTo("INFO");
        assertThat(line.getString("logger")).isEqualTo("io.switchboard.call");
        assertThat(line.getString("callId")).isEqualTo("2fedc36a-34e1-4cb7-9e14-71f81d544bb8");
        assertThat(line.containsKey("error")).isFalse();
    }

    @Test
    void takesNoSipCallIdForACallIdAndKeepsTheStackOfAnError() {
        JsonObject line = format(Level.WARNING, "SIP incoming call 1-24101@127.0.0.1: refused \"quoted\"",
                new IllegalStateException("boom"));

        assertThat(line.containsKey("callId")).isFalse();
        assertThat(line.getString("message")).isEqualTo("SIP incoming call 1-24101@127.0.0.1: refused \"quoted\"");
        assertThat(line.getString("error")).startsWith("java.lang.IllegalStateException: boom").contains("\tat ");
    }
}
