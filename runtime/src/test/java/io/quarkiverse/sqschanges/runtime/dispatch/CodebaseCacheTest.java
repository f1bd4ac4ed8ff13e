package io.quarkiverse.sqschanges.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A mapper that invents a codebase per message does not grow the dispatcher's caches: the configured codebases are
 * kept whenever they come, a few others too, and the rest are resolved for each change.
 */
class CodebaseCacheTest {

    final AtomicInteger resolved = new AtomicInteger();
    final CodebaseCache<String> cache = new CodebaseCache<>(Set.of("builds", "docs"), 3);

    @Test
    void manyInventedCodebasesKeepTheCacheBounded() {
        IntStream.range(0, 10_000).forEach(i -> assertThat(cache.get("invented-" + i, this::resolve))
                .isEqualTo("observers of invented-" + i));

        assertThat(cache.size()).isEqualTo(3);
        assertThat(resolved).hasValue(10_000);
    }

    @Test
    void configuredCodebasesAreKeptEvenWhenTheCacheIsFull() {
        IntStream.range(0, 100).forEach(i -> cache.get("invented-" + i, this::resolve));
        int before = resolved.get();

        for (int i = 0; i < 5; i++) {
            assertThat(cache.get("builds", this::resolve)).isEqualTo("observers of builds");
            assertThat(cache.get("invented-0", this::resolve)).isEqualTo("observers of invented-0");
        }

        assertThat(resolved.get() - before).as("resolutions of builds and of a kept codebase").isEqualTo(1);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void aCodebaseBeyondTheBoundIsResolvedEachTime() {
        IntStream.range(0, 3).forEach(i -> cache.get("invented-" + i, this::resolve));
        int before = resolved.get();

        cache.get("late", this::resolve);
        cache.get("late", this::resolve);

        assertThat(resolved.get() - before).isEqualTo(2);
    }

    private String resolve(String codebase) {
        resolved.incrementAndGet();
        return "observers of " + codebase;
    }
}
