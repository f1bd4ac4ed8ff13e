package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.quarkiverse.sqschanges.runtime.config.SqsLimits;

/**
 * Splits work into the batches of at most {@value SqsLimits#MAX_BATCH_ENTRIES} entries that SQS batch actions
 * accept.
 */
final class SqsBatches {

    private static final int MAX_ENTRIES = SqsLimits.MAX_BATCH_ENTRIES;

    private SqsBatches() {
    }

    /**
     * @param items what to send, in order
     * @param send sends one batch of at most that many items
     * @return completes when every batch has completed
     */
    static <T> CompletableFuture<Void> sendInBatches(List<T> items, Function<List<T>, CompletableFuture<Void>> send) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (items.size() <= MAX_ENTRIES) {
            return send.apply(items);
        }
        List<CompletableFuture<Void>> batches = new ArrayList<>((items.size() + MAX_ENTRIES - 1) / MAX_ENTRIES);
        for (int from = 0; from < items.size(); from += MAX_ENTRIES) {
            batches.add(send.apply(items.subList(from, Math.min(from + MAX_ENTRIES, items.size()))));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new));
    }
}
