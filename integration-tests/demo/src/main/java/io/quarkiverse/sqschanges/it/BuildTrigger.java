package io.quarkiverse.sqschanges.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

// The README's quick start and the guide show the lines between the "observer" tags; the others keep what was
// observed, for the tests. ReadmeSnippetsTest fails when the README's copy differs.
// tag::observer[]
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;

/**
 * Starts a build for each change of codebase {@code builds}.
 */
@ApplicationScoped
public class BuildTrigger {

    private static final Logger LOG = Logger.getLogger(BuildTrigger.class);

    void onBuild(@Observes @Codebase("builds") Change change) { // <1>
        String body = (String) change.properties().get("sqs_body"); // <2>
        LOG.infof("Build requested: %s", body); // start the build: the message is deleted when this returns <3>
        // end::observer[]
        triggered.add(change);
        // tag::observer[]
    }
    // end::observer[]

    private final List<Change> triggered = new CopyOnWriteArrayList<>();

    /** @return the changes observed so far, oldest first */
    public List<Change> triggered() {
        return List.copyOf(triggered);
    }
    // tag::observer[]
}
// end::observer[]
