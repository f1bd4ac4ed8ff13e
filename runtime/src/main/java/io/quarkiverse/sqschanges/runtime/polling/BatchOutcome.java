package io.quarkiverse.sqschanges.runtime.polling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What to do with the messages of a handled batch: delete some, delay the next delivery of others; the rest stay
 * as they are.
 */
final class BatchOutcome {

    private final List<Message> toDelete = new ArrayList<>();
    private final Map<Message, Integer> retryDelaySeconds = new LinkedHashMap<>();

    synchronized void delete(Message message) {
        toDelete.add(message);
    }

    synchronized void retryAfter(Message message, int delaySeconds) {
        retryDelaySeconds.put(message, delaySeconds);
    }

    synchronized List<Message> toDelete() {
        return List.copyOf(toDelete);
    }

    synchronized Map<Message, Integer> retryDelaySeconds() {
        return new LinkedHashMap<>(retryDelaySeconds);
    }
}
