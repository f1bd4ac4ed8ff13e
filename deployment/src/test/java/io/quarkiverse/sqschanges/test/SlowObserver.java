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
 * Takes {@code test.observer-millis} (20 by default) per change, and records each message id, the ones observed
 * twice, and how many changes were being observed at once.
 */
@Singleton
public class SlowObserver {

    public final Set<String> seen = ConcurrentHashMap.newKeySet();
    public final AtomicInteger duplicates = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    @ConfigProperty(name = "test.observer-millis", defaultValue = "20")
    long millis;

    void on(@Observes Change change) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(millis);
            if (!seen.add(change.message().messageId())) {
                duplicates.incrementAndGet();
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
