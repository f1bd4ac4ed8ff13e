package io.quarkiverse.sqschanges.runtime.dedup;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The background work of a {@link JdbcDuplicateFilter}, on one thread of its own (its statements block): five times
 * a second, the claims due are renewed (none, mostly: no statement then); every minute, the database's clock is read again;
 * every cleanup interval, rows
 * older than the retention are removed, a batch per statement, until none is left. A failure is logged at WARN once
 * until the work succeeds again. Stopped at shutdown: a cleanup under way stops after its current statement.
 */
final class TableMaintenance implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TableMaintenance.class);
    private static final long RENEW_PERIOD_MILLIS = 200;
    private static final long CLOCK_PERIOD_MILLIS = 60_000;

    private final JdbcDuplicateFilter filter;
    private final Duration retention;
    private final int batchSize;
    private final ScheduledExecutorService thread;
    private volatile boolean closed;
    private boolean failing;

    TableMaintenance(JdbcDuplicateFilter filter, Duration retention, Duration cleanupInterval, int batchSize) {
        this.filter = filter;
        this.retention = retention;
        this.batchSize = batchSize;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "sqs-changes-duplicate-table");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> run("renew the claims held", filter::renewClaims), RENEW_PERIOD_MILLIS,
                RENEW_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(() -> run("read the database's clock", filter::syncClock),
                CLOCK_PERIOD_MILLIS, CLOCK_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        long interval = cleanupInterval.toMillis();
        // instances started together do not all clean up at once
        long first = Math.min(interval, 30_000 + ThreadLocalRandom.current().nextLong(30_000));
        thread.scheduleWithFixedDelay(() -> run("remove old rows", this::cleanUp), first, interval,
                TimeUnit.MILLISECONDS);
    }

    private void cleanUp() {
        long total = 0;
        int removed;
        do {
            removed = filter.removeOld(retention, batchSize);
            total += removed;
        } while (removed >= batchSize && !closed);
        if (total > 0) {
            LOG.debugf("Removed %d row(s) older than %s from %s", total, retention, filter);
        }
    }

    private synchronized void run(String what, Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
            if (failing) {
                failing = false;
                LOG.infof("Could %s again, for %s", what, filter);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("Could not %s, for %s (%s); retrying", what, filter, e.getMessage());
            } else {
                LOG.debugf(e, "Could not %s again, for %s", what, filter);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
