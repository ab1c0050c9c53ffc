package io.switchboard.app;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class TextLogFormatterTest {

    /** A record that counts the questions for the class and method that logged it (JUL walks the stack for them). */
    private static final class Record extends LogRecord {
        int callerAsked;

        Record(Level level, String message) {
            super(level, message);
        }

        @Override
        public String getSourceClassName() {
            callerAsked++;
            return super.getSourceClassName();
        }

        @Override
        public String getSourceMethodName() {
            callerAsked++;
            return super.getSourceMethodName();
        }
    }

    private static Record record(Level level, String message, Throwable thrown) {
        Record record = new Record(level, message);
        record.setLoggerName("io.switchboard.call");
        record.setInstant(Instant.ofEpochMilli(1_796_500_000_123L));
        record.setThrown(thrown);
        return record;
    }

    /** The line the JDK's formatter gives with the server's format (Main), to compare with. */
    private static String simple(LogRecord record) {
        String format = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";
        String previous = System.getProperty("java.util.logging.SimpleFormatter.format");
        System.setProperty("java.util.logging.SimpleFormatter.format", format);
        try {
            return new SimpleFormatter().format(record);
        } finally {
            if (previous == null) {
                System.clearProperty("java.util.logging.SimpleFormatter.format");
            } else {
                System.setProperty("java.util.logging.SimpleFormatter.format", previous);
            }
        }
    }

    @Test
    void writesTheLineTheServersSimpleFormatWroteWithoutAskingForTheCaller() {
        Record record = record(Level.INFO, "call 2fedc36a-34e1-4cb7-9e14-71f81d544bb8 connected", null);

        String line = new TextLogFormatter().format(record);

        assertThat(line).isEqualTo(simple(record(Level.INFO, "call 2fedc36a-34e1-4cb7-9e14-71f81d544bb8 connected",
                null)));
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.123 INFO io.switchboard.call: call "
                + "2fedc36a-34e1-4cb7-9e14-71f81d544bb8 connected\\R");
        assertThat(record.callerAsked).isZero();
    }

    @Test
    void putsTheStackOfAnErrorOnTheLinesAfter() {
        IllegalStateException boom = new IllegalStateException("boom");

        String line = new TextLogFormatter().format(record(Level.WARNING, "journal: not written", boom));

        assertThat(line).isEqualTo(simple(record(Level.WARNING, "journal: not written", boom)));
        assertThat(line).contains("WARNING io.switchboard.call: journal: not written" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom").contains("\tat ");
    }
}
