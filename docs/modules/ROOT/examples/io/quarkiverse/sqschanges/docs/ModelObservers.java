package io.quarkiverse.sqschanges.docs;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;

@ApplicationScoped
public class ModelObservers {

    // tag::json[]
    void onModel(@Observes @Codebase("models") Change change) {
        // body {"model": "resnet", "version": 3, "tags": ["prod"]}
        String model = (String) change.properties().get("model"); // "resnet"
        Number version = (Number) change.properties().get("version"); // Integer 3
        Object tags = change.properties().get("tags"); // List ["prod"]
    }
    // end::json[]

    // tag::async[]
    void index(@ObservesAsync @Codebase("models") Change change) { // <1>
        CompletableFuture.runAsync(() -> {
        }).join(); // slow work off the polling thread; the message is deleted when this returns
    }
    // end::async[]

    // tag::all[]
    void audit(@Observes Change change) { // <1>
        System.out.printf("%s from %s (message %s, delivery %d)%n", change.codebase(), change.queue(),
                change.message().messageId(), change.message().receiveCount());
    }
    // end::all[]
}
