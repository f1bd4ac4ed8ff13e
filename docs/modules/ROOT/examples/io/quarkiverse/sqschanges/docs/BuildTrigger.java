package io.quarkiverse.sqschanges.docs;

// tag::observer[]
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;

@ApplicationScoped
public class BuildTrigger {

    void onBuild(@Observes @Codebase("builds") Change change) { // <1>
        String body = (String) change.properties().get("sqs_body"); // <2>
        // ... start a build; when this method returns normally, the message is deleted <3>
    }
}
// end::observer[]
