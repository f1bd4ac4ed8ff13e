package io.quarkiverse.sqschanges.test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.sqschanges.Change;

/**
 * Takes {@code test.observer-millis} (20 by default) per change, and records each message id as its change comes,
 * the ones observed twice, how many changes were being observed at once, and how many were done with.
 */
@Singleton
public class SlowObserver {

    public final Set<String> seen = ConcurrentHashMap.newKeySet();
    public final AtomicInteger duplicates = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    public final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    @ConfigProperty(name = "test.observer-millis", defaultValue = "20")
    long millis;

    void on(@Observes Change change) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        if (!seen.add(change.message().messageId())) {
            duplicates.incrementAndGet();
        }
        try {
            Thread.sleep(millis);
        } finally {
            inFlight.decrementAndGet();
            finished.incrementAndGet();
        }
    }
}
