package io.quarkiverse.sqschanges.runtime;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happens on one queue, for {@code ChangeSourceControl.status}.
 */
final class QueueStats {

    private static final int MAX_ERROR_LENGTH = 160;

    private final LongAdder received = new LongAdder();
    private final LongAdder fired = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile Instant lastSuccess;
    private volatile String lastError;

    void callSucceeded() {
        lastSuccess = Instant.now();
        lastError = null;
    }

    void callFailed(String error) {
        // SDK messages can run to several sentences; status and health show the gist
        lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) + "..." : error;
    }

    void received(int messages) {
        received.add(messages);
    }

    void fired(int changes) {
        fired.add(changes);
    }

    void deleted(int messages) {
        deleted.add(messages);
    }

    void handlingFailed() {
        failed.increment();
    }

    Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    long received() {
        return received.sum();
    }

    long fired() {
        return fired.sum();
    }

    long deleted() {
        return deleted.sum();
    }

    long failedCount() {
        return failed.sum();
    }
}
