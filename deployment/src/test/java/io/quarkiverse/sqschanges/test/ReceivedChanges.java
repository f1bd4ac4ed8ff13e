package io.quarkiverse.sqschanges.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.awaitility.Awaitility;

import io.quarkiverse.sqschanges.Change;

/**
 * Records every change that its plain observer sees.
 */
@ApplicationScoped
public class ReceivedChanges {

    private final List<Change> changes = new CopyOnWriteArrayList<>();

    void on(@Observes Change change) {
        changes.add(change);
    }

    public List<Change> all() {
        return List.copyOf(changes);
    }

    /** @return the changes, once there are at least {@code count} of them */
    public List<Change> await(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> changes.size() >= count);
        return all();
    }
}
