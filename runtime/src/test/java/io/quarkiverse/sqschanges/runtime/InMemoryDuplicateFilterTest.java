package io.quarkiverse.sqschanges.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InMemoryDuplicateFilterTest {

    final AtomicLong now = new AtomicLong(1_000);

    @Test
    void remembersHandledIdsPerQueueWithinTheWindow() {
        InMemoryDuplicateFilter filter = new InMemoryDuplicateFilter(60_000, 100, now::get);
        filter.handled("a", "m1");

        assertThat(filter.alreadyHandled("a", "m1")).isTrue();
        assertThat(filter.alreadyHandled("b", "m1")).isFalse();
        assertThat(filter.alreadyHandled("a", "m2")).isFalse();

        now.addAndGet(60_001);
        assertThat(filter.alreadyHandled("a", "m1")).isFalse();
    }

    @Test
    void forgetsTheOldestBeyondTheLimitAndExpiredOnesAsItGoes() {
        InMemoryDuplicateFilter filter = new InMemoryDuplicateFilter(10_000, 3, now::get);
        for (int i = 1; i <= 4; i++) {
            filter.handled("q", "m" + i);
            now.addAndGet(1);
        }
        assertThat(filter.size()).isEqualTo(3);
        assertThat(filter.alreadyHandled("q", "m1")).isFalse();
        assertThat(filter.alreadyHandled("q", "m4")).isTrue();

        now.addAndGet(20_000);
        filter.handled("q", "m5");
        assertThat(filter.size()).isEqualTo(1);
    }
}
