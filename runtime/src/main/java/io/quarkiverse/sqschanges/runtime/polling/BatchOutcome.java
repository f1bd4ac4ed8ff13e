package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What to do with the messages of a handled batch, as the {@link FailurePolicy} decided: delete some, delay the
 * next delivery of others; the rest stay as they are.
 */
final class BatchOutcome {

    private final List<Message> toDelete = new ArrayList<>();
    private final Map<Message, Integer> retryDelaySeconds = new LinkedHashMap<>();

    /** Adds what the policy decided for a message: deleted, delayed, or (kept) left as it is. */
    synchronized void settle(Message message, FailurePolicy.Decision decision) {
        switch (decision.fate()) {
            case DELETE -> toDelete.add(message);
            case RETRY -> retryDelaySeconds.put(message, decision.retryDelaySeconds());
            default -> {
                // kept: nothing to send
            }
        }
    }

    synchronized List<Message> toDelete() {
        return List.copyOf(toDelete);
    }

    synchronized Map<Message, Integer> retryDelaySeconds() {
        return new LinkedHashMap<>(retryDelaySeconds);
    }
}
