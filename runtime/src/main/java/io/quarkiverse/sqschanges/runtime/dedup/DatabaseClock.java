package io.quarkiverse.sqschanges.runtime.dedup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The database's clock, in milliseconds since the epoch, as every instance sharing the table sees it: instances'
 * own clocks may differ by seconds, which would let one take over a claim that another still holds. It is read from
 * the database now and then, and runs on this JVM's monotonic clock in between, so that a jump of the local wall
 * clock changes nothing.
 */
final class DatabaseClock {

    private final LongSupplier nanos;
    private volatile Reading reading;

    DatabaseClock(LongSupplier nanos) {
        this.nanos = nanos;
    }

    private record Reading(long databaseMillis, long atNanos) {
    }

    /** @return now on the database's clock; {@link #sync} must have succeeded once */
    long nowMillis() {
        Reading last = reading;
        if (last == null) {
            throw new IllegalStateException("the database's clock was never read");
        }
        return last.databaseMillis + (nanos.getAsLong() - last.atNanos) / 1_000_000;
    }

    boolean known() {
        return reading != null;
    }

    /** Reads the database's clock. */
    void sync(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        // MySQL and MariaDB give CURRENT_TIMESTAMP in the session's time zone, without saying which
        boolean mysql = product.contains("mysql") || product.contains("mariadb");
        try (Statement statement = connection.createStatement()) {
            long before = nanos.getAsLong();
            try (ResultSet result = statement.executeQuery(mysql ? "SELECT UTC_TIMESTAMP(3)" : "SELECT CURRENT_TIMESTAMP")) {
                long after = nanos.getAsLong();
                result.next();
                long millis = mysql
                        ? result.getObject(1, java.time.LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli()
                        : result.getTimestamp(1).getTime();
                reading = new Reading(millis, before + (after - before) / 2);
            }
        }
    }
}
