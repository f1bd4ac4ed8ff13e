package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition by polling it. */
final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /**
     * @param failure describes what was not reached, when the time is up
     * @throws IllegalStateException when the time is up
     */
    static void until(Callable<Boolean> condition, Duration timeout, Callable<String> failure) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure.call() + " within " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
