package io.quarkiverse.sqschanges.runtime.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class PollingBackoffTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final PollingBackoff backoff = new PollingBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), now::get);

    @Test
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        for (int failures = 1; failures <= 12; failures++) {
            long ceiling = Math.min(60_000, 1000L << (failures - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delayMillis(failures)).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void attemptsWaitForTheBackoffAndSuccessResetsIt() {
        assertThat(backoff.mayAttempt()).isTrue();

        backoff.failed("q", new RuntimeException("down"));
        backoff.failed("q", new RuntimeException("down"));
        assertThat(backoff.consecutiveFailures()).isEqualTo(2);
        assertThat(backoff.mayAttempt()).isFalse();

        now.addAndGet(2_000);
        assertThat(backoff.mayAttempt()).isTrue();

        backoff.failed("q", new RuntimeException("down"));
        assertThat(backoff.mayAttempt()).isFalse();
        backoff.succeeded("q");
        assertThat(backoff.consecutiveFailures()).isZero();
        assertThat(backoff.mayAttempt()).isTrue();
    }

    @Test
    void aClockSteppingBackDoesNotPausePolling() {
        backoff.failed("q", new RuntimeException("down"));
        assertThat(backoff.mayAttempt()).isFalse();

        // the wall clock is set back an hour (an NTP step): the back-off still ends within its longest delay
        now.addAndGet(-3_600_000);
        now.addAndGet(60_000);
        assertThat(backoff.mayAttempt()).isTrue();
    }

    @Test
    void aMonotonicClockMayStartAnywhere() {
        // System.nanoTime() has an arbitrary origin, negative ones included
        AtomicLong monotonic = new AtomicLong(Long.MIN_VALUE / 2);
        PollingBackoff fromNanoTime = new PollingBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), monotonic::get);
        assertThat(fromNanoTime.mayAttempt()).isTrue();

        fromNanoTime.failed("q", new RuntimeException("down"));
        assertThat(fromNanoTime.mayAttempt()).isFalse();
        monotonic.addAndGet(1_000);
        assertThat(fromNanoTime.mayAttempt()).isTrue();

        fromNanoTime.succeeded("q");
        assertThat(fromNanoTime.mayAttempt()).isTrue();
    }
}
