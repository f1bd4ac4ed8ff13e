package io.quarkiverse.sqschanges.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Reads the log records that {@code QuarkusUnitTest.setLogRecordPredicate} captured: the text of a record is its
 * message formatted with its parameters, followed by the stack trace of what it logged as thrown (messages of causes
 * and suppressed exceptions included), so a check on it covers everything a log handler would write.
 * <p>
 * The records are handed to {@code assertLogRecords} in the class that JUnit initialized, not in the one the test
 * method ran in: values a test method wants to check there go through {@link #remember}.
 */
public final class LogRecords {

    private static final String PROPERTY_PREFIX = "sqs-changes.test.log-records.";

    private LogRecords() {
    }

    /**
     * @return a predicate that captures every record above DEBUG, and the records of the given logger at any level
     *         (so that a test can show that a text it must not find above DEBUG does reach the log at DEBUG)
     */
    public static Predicate<LogRecord> aboveDebugOrFrom(String logger) {
        return record -> isAboveDebug(record) || logger.equals(record.getLoggerName());
    }

    /** @return whether the record is above DEBUG (INFO, WARN or ERROR) */
    public static boolean isAboveDebug(LogRecord record) {
        return record.getLevel().intValue() > Level.FINE.intValue();
    }

    /** @return whether the record is an ERROR */
    public static boolean isError(LogRecord record) {
        return record.getLevel().intValue() >= Level.SEVERE.intValue();
    }

    /** @return the formatted message and the stack trace of the thrown exception, if any */
    public static String text(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : new SimpleFormatter().formatMessage(record);
        if (record.getThrown() == null) {
            return String.valueOf(message);
        }
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return message + "\n" + trace;
    }

    /** @return a short description of each record above DEBUG whose text contains the given text */
    public static List<String> aboveDebugContaining(List<LogRecord> records, String text) {
        return records.stream().filter(LogRecords::isAboveDebug).filter(r -> text(r).contains(text))
                .map(LogRecords::summary).toList();
    }

    /** @return a short description of each record at DEBUG or below whose text contains the given text */
    public static List<String> debugContaining(List<LogRecord> records, String text) {
        return records.stream().filter(r -> !isAboveDebug(r)).filter(r -> text(r).contains(text))
                .map(LogRecords::summary).toList();
    }

    /** @return the text of each ERROR record that contains every one of the given texts */
    public static List<String> errorsContaining(List<LogRecord> records, String... texts) {
        return records.stream().filter(LogRecords::isError).map(LogRecords::text)
                .filter(text -> Arrays.stream(texts).allMatch(text::contains)).toList();
    }

    /** @return level, logger and the start of the text, for failure messages (bodies can be long) */
    public static String summary(LogRecord record) {
        String text = text(record);
        return record.getLevel() + " " + record.getLoggerName() + ": "
                + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    /** Keeps values from a test method for the log assertions, which run in the other copy of the test class. */
    public static void remember(String key, List<String> values) {
        System.setProperty(PROPERTY_PREFIX + key, String.join("\n", values));
    }

    /** @return the values remembered under this key, which are then forgotten; empty if none were */
    public static List<String> recall(String key) {
        String values = System.clearProperty(PROPERTY_PREFIX + key);
        return values == null || values.isEmpty() ? List.of() : List.of(values.split("\n"));
    }
}
