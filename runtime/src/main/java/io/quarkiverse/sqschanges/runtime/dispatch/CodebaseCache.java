package io.quarkiverse.sqschanges.runtime.dispatch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What {@link CodebaseEvents} resolves once per codebase, kept for the codebases of the configured queues and for
 * at most a fixed number of others: a mapper may set any codebase, one per message even, and each would otherwise
 * stay in memory for good. A codebase beyond the bound is resolved again for each change, which is slower, but
 * correct.
 *
 * @param <V> what is kept per codebase; never {@code null}
 */
final class CodebaseCache<V> {

    private final Set<String> configured;
    private final int maxOthers;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final AtomicInteger others = new AtomicInteger();

    /**
     * @param configured the codebases of the configured queues: always kept
     * @param maxOthers how many other codebases are kept, the first ones seen
     */
    CodebaseCache(Set<String> configured, int maxOthers) {
        this.configured = Set.copyOf(configured);
        this.maxOthers = maxOthers;
    }

    /** @return the value for that codebase, kept or, once the cache is full, computed anew */
    V get(String codebase, Function<String, V> compute) {
        V value = values.get(codebase);
        if (value != null) {
            return value;
        }
        // returning null from the mapping function keeps nothing
        value = values.computeIfAbsent(codebase, key -> configured.contains(key) || reserveOther()
                ? compute.apply(key)
                : null);
        return value != null ? value : compute.apply(codebase);
    }

    /** @return how many codebases are kept */
    int size() {
        return values.size();
    }

    private boolean reserveOther() {
        return others.getAndUpdate(n -> n < maxOthers ? n + 1 : n) < maxOthers;
    }
}
