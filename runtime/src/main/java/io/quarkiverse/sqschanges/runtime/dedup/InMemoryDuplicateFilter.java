package io.quarkiverse.sqschanges.runtime.dedup;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import io.quarkiverse.sqschanges.DuplicateFilter;

/**
 * Remembers handled message ids in memory, for a time window and up to a number of entries, and the ids claimed in
 * this instance, until they are handled or released.
 */
public final class InMemoryDuplicateFilter implements DuplicateFilter {

    private final long windowMillis;
    private final int maxEntries;
    private final LongSupplier clock;
    /** Insertion-ordered: the first entries are the oldest. */
    private final LinkedHashMap<String, Long> handledAt = new LinkedHashMap<>();
    /** Being handled: as many as there are messages in flight, since each claim is confirmed or released. */
    private final Set<String> claimed = new HashSet<>();

    public InMemoryDuplicateFilter(long windowMillis, int maxEntries, LongSupplier clock) {
        this.windowMillis = windowMillis;
        this.maxEntries = Math.max(1, maxEntries);
        this.clock = clock;
    }

    @Override
    public synchronized boolean alreadyHandled(String queue, String messageId) {
        Long at = handledAt.get(key(queue, messageId));
        return at != null && clock.getAsLong() - at <= windowMillis;
    }

    @Override
    public synchronized Claim claim(String queue, String messageId) {
        if (alreadyHandled(queue, messageId)) {
            return Claim.HANDLED;
        }
        return claimed.add(key(queue, messageId)) ? Claim.CLAIMED : Claim.IN_FLIGHT;
    }

    @Override
    public synchronized void release(String queue, String messageId) {
        claimed.remove(key(queue, messageId));
    }

    @Override
    public synchronized void handled(String queue, String messageId) {
        long now = clock.getAsLong();
        String key = key(queue, messageId);
        claimed.remove(key);
        handledAt.remove(key);
        handledAt.put(key, now);
        evict(now);
    }

    synchronized int size() {
        return handledAt.size();
    }

    synchronized int claims() {
        return claimed.size();
    }

    private void evict(long now) {
        Iterator<Map.Entry<String, Long>> oldestFirst = handledAt.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<String, Long> oldest = oldestFirst.next();
            if (handledAt.size() > maxEntries || now - oldest.getValue() > windowMillis) {
                oldestFirst.remove();
            } else {
                return;
            }
        }
    }

    private static String key(String queue, String messageId) {
        return queue + '\n' + messageId;
    }
}
