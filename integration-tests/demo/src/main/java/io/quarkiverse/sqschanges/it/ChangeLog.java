package io.quarkiverse.sqschanges.it;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;

/**
 * Logs every change of every codebase and keeps the last ones.
 */
@ApplicationScoped
public class ChangeLog {

    private static final Logger LOG = Logger.getLogger(ChangeLog.class);
    private static final int KEPT = 100;

    private final Deque<Change> recent = new ConcurrentLinkedDeque<>();

    void onChange(@Observes Change change) {
        LOG.infof("Change from queue '%s' (codebase %s, revision %s): %s", change.queue(), change.codebase(),
                change.revision(), change.properties());
        recent.addFirst(change);
        while (recent.size() > KEPT) {
            recent.pollLast();
        }
    }

    /** @return the most recent changes, newest first */
    public List<Change> recent() {
        return new ArrayList<>(recent);
    }
}
