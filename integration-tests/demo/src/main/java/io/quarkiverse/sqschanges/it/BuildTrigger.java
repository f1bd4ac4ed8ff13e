package io.quarkiverse.sqschanges.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;

/**
 * The README's quick start: one observer for the changes of codebase {@code builds}.
 */
@ApplicationScoped
public class BuildTrigger {

    private static final Logger LOG = Logger.getLogger(BuildTrigger.class);

    private final List<Change> triggered = new CopyOnWriteArrayList<>();

    void onBuild(@Observes @Codebase("builds") Change change) {
        LOG.infof("Build requested: %s", change.properties().get("sqs_body"));
        triggered.add(change);
    }

    public List<Change> triggered() {
        return List.copyOf(triggered);
    }
}
