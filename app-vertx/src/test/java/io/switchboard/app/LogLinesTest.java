package io.switchboard.app;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class LogLinesTest {

    private static final Formatter JDK = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private static LogRecord record(String message, Object... parameters) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setParameters(parameters);
        return record;
    }

    @Test
    void putsInTheParametersAsTheJdksFormatterDoes() {
        // given messages of every kind the server logs, and some it does not
        List<LogRecord> records = List.of(
                record("SIP leg {0} of call {1}: {2}", "leg-1", "call-1", "answered"),
                record("{0}{1} and {0} again", "a", "b"),
                record("a {0} with braces {} and } in its text", "value"),
                record("{0} of {1}", "only one"),
                record("null: {0}", (Object) null),
                record("numbers by locale: {0} calls at {1}/s", 12_345, 2.5),
                record("a date: {0}", new java.util.Date(0)),
                record("quoted: ''{0}'' and '{1}'", "x", "y"),
                record("not a placeholder: {x} {0}", "y"),
                record("{0,number,#} calls", 1_000),
                record("no placeholder", "unused"),
                record("{12} far", (Object[]) new String[13]),
                record("plain"));

        // then each comes out as the JDK's formatter gives it
        for (LogRecord record : records) {
            assertThat(LogLines.message(record, JDK)).as(record.getMessage()).isEqualTo(JDK.formatMessage(record));
        }
    }

    @Test
    void writesTheTimeAsTheServersPatternDoes() {
        // given instants within one second, across seconds and days, with every width of milliseconds
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());
        LogLines lines = new LogLines();
        long base = 1_796_500_000_000L;
        for (long millis : new long[] {0, 5, 45, 999, 1_000, 1_001, 59_999, 86_400_123, 86_400_124, 7}) {
            Instant time = Instant.ofEpochMilli(base + millis);
            StringBuilder line = new StringBuilder();

            // when
            lines.appendTime(time, line);

            // then
            assertThat(line.toString()).isEqualTo(pattern.format(time));
        }
    }
}
