package io.quarkiverse.sqschanges.benchmark.common;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a consumer observed: how many messages, and how long after being sent each pickup message was observed.
 * A pickup message's body is {@link #PICKUP_PREFIX} followed by the epoch microseconds at which it was sent; the
 * runner and the applications run on one machine, so they share the wall clock.
 */
@ApplicationScoped
public class Observations {

    /** Starts the body of a pickup message. */
    public static final String PICKUP_PREFIX = "t";

    private final LongAdder count = new LongAdder();
    private final ConcurrentLinkedQueue<Long> pickupMicros = new ConcurrentLinkedQueue<>();

    /** @return the body of a pickup message sent now */
    public static String pickupBody() {
        return PICKUP_PREFIX + nowMicros();
    }

    /** Records a message observed now. */
    public void observed(String body) {
        count.increment();
        if (body.startsWith(PICKUP_PREFIX)) {
            pickupMicros.add(nowMicros() - Long.parseLong(body.substring(PICKUP_PREFIX.length())));
        }
    }

    /** @return how many messages were observed */
    public long count() {
        return count.sum();
    }

    /** @return the time from sending to observing of each pickup message, in microseconds */
    public List<Long> pickupMicros() {
        return List.copyOf(pickupMicros);
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
