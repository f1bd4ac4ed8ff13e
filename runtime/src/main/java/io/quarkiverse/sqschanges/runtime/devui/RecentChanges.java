package io.quarkiverse.sqschanges.runtime.devui;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Singleton;

import io.quarkiverse.sqschanges.Change;

/**
 * Keeps the last changes fired, newest first, for the Dev UI. Registered in dev mode only.
 */
@Singleton
public class RecentChanges {

    static final int CAPACITY = 50;

    private final Deque<RecentChange> changes = new ArrayDeque<>(CAPACITY);

    void record(@Observes @Any Change change) {
        RecentChange recent = new RecentChange(change.queue(), change.codebase(), change.message().messageId(),
                Instant.now().toString(), change.revision(), change.category().orElse(null), change.files(),
                change.properties());
        synchronized (changes) {
            if (changes.size() == CAPACITY) {
                changes.removeLast();
            }
            changes.addFirst(recent);
        }
    }

    /** @return the recorded changes, newest first */
    public List<RecentChange> list() {
        synchronized (changes) {
            return new ArrayList<>(changes);
        }
    }

    /**
     * One fired change, as the Dev UI shows it.
     *
     * @param firedAt when it was fired, ISO-8601
     */
    public record RecentChange(String queue, String codebase, String messageId, String firedAt, String revision,
            String category, List<String> files, Map<String, Object> properties) {
    }
}
