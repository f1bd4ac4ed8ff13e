package io.quarkiverse.sqschanges.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens on a log category (and the categories below it) at every level while open: for records logged where
 * {@code QuarkusUnitTest}'s own capture does not reach (in a {@code @QuarkusTest}, or while the application stops).
 * Each record is kept and handed to an optional listener as it comes.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Consumer<LogRecord> listener;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String category, Consumer<LogRecord> listener) {
        this.logger = Logger.getLogger(category);
        this.listener = listener;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** @return a capture of the category's records, open until closed */
    public static LogCapture of(String category) {
        return new LogCapture(category, record -> {
        });
    }

    /** @return a capture of the category's records that also hands each one to the listener as it is logged */
    public static LogCapture of(String category, Consumer<LogRecord> listener) {
        return new LogCapture(category, listener);
    }

    /**
     * Closes every capture on the category, also those that another class loader's copy of this class opened (as a
     * test class's copy that JUnit initialized does not see the one the test method ran in).
     */
    public static void closeAll(String category) {
        Logger logger = Logger.getLogger(category);
        for (Handler handler : logger.getHandlers()) {
            if (handler.getClass().getName().equals(LogCapture.class.getName())) {
                logger.removeHandler(handler);
            }
        }
    }

    /** @return the records kept so far, in order */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        listener.accept(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
