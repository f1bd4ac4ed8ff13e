package io.quarkiverse.sqschanges.runtime.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.DuplicateFilter.Claim;

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

    @Test
    void aCopyOfAClaimedMessageIsInFlightUntilTheClaimIsConfirmed() {
        InMemoryDuplicateFilter filter = new InMemoryDuplicateFilter(60_000, 100, now::get);

        assertThat(filter.claim("q", "m1")).isEqualTo(Claim.CLAIMED);
        assertThat(filter.claim("q", "m1")).isEqualTo(Claim.IN_FLIGHT);
        assertThat(filter.claim("other", "m1")).isEqualTo(Claim.CLAIMED);
        assertThat(filter.alreadyHandled("q", "m1")).isFalse();

        filter.handled("q", "m1");
        assertThat(filter.claim("q", "m1")).isEqualTo(Claim.HANDLED);
        assertThat(filter.alreadyHandled("q", "m1")).isTrue();
        assertThat(filter.claims()).isEqualTo(1);
    }

    @Test
    void aReleasedClaimLetsTheNextCopyBeHandled() {
        InMemoryDuplicateFilter filter = new InMemoryDuplicateFilter(60_000, 100, now::get);
        filter.claim("q", "m1");

        filter.release("q", "m1");

        assertThat(filter.claim("q", "m1")).isEqualTo(Claim.CLAIMED);
        assertThat(filter.alreadyHandled("q", "m1")).isFalse();
    }

    @Test
    void aFilterWithoutClaimsKeepsWorking() {
        DuplicateFilter handledOnly = new DuplicateFilter() {
            @Override
            public boolean alreadyHandled(String queue, String messageId) {
                return messageId.equals("done");
            }

            @Override
            public void handled(String queue, String messageId) {
            }
        };

        assertThat(handledOnly.claim("q", "done")).isEqualTo(Claim.HANDLED);
        assertThat(handledOnly.claim("q", "new")).isEqualTo(Claim.CLAIMED);
        assertThat(handledOnly.claim("q", "new")).isEqualTo(Claim.CLAIMED);
        handledOnly.release("q", "new");
    }
}
