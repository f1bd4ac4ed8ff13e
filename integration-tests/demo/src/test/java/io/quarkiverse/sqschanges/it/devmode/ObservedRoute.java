package io.quarkiverse.sqschanges.it.devmode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.sqschanges.Change;
import io.vertx.ext.web.Router;

/**
 * Shows the bodies of the observed changes at {@code GET /observed}, for tests that cannot inject beans.
 */
@Singleton
public class ObservedRoute {

    private final List<String> bodies = new CopyOnWriteArrayList<>();

    void on(@Observes Change change) {
        bodies.add(change.message().body());
    }

    void routes(@Observes Router router) {
        router.get("/observed").handler(context -> context.response().end(String.join(",", bodies)));
    }
}
