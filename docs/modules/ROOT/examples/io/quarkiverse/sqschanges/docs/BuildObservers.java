package io.quarkiverse.sqschanges.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;

@ApplicationScoped
public class BuildObservers {

    // tag::raw[]
    void onBuild(@Observes @Codebase("builds") Change change) {
        // body: action build (or anything else: a raw body is never parsed)
        String body = (String) change.properties().get("sqs_body"); // "action build"
        String messageId = change.revision(); // the same for every format
    }
    // end::raw[]
}
