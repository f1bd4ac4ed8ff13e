package io.quarkiverse.sqschanges.docs;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.Codebase;

@ApplicationScoped
public class BurstBuilds {

    // tag::set[]
    void build(@Observes @Codebase("models") ChangeSet pushes) { // <1>
        List<String> revisions = pushes.changes().stream().map(Change::revision).toList(); // <2>
        startBuild(revisions); // <3>
    }
    // end::set[]

    private void startBuild(List<String> revisions) {
    }
}
