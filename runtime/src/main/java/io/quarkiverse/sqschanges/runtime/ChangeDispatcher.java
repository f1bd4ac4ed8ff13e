package io.quarkiverse.sqschanges.runtime;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Fires a {@link Change} to its synchronous and asynchronous observers, qualified with its codebase.
 */
@ApplicationScoped
public class ChangeDispatcher {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** Codebases kept beyond those of the configured queues, for mappers that set their own. */
    static final int MAX_OTHER_CODEBASES = 100;

    private final Event<Change> events;
    private final BeanManager beanManager;
    private final ChangeTracing tracing;
    private final ExecutorService executor;
    private final CodebaseCache<Boolean> asyncObserversByCodebase;
    /** One event per codebase: an event resolves its observers once, on its first notification. */
    private final CodebaseCache<Event<Change>> eventsByCodebase;

    @Inject
    public ChangeDispatcher(Event<Change> events, BeanManager beanManager, ChangeTracing tracing,
            ExecutorService executor, SqsChangesConfig config) {
        this.events = events;
        this.beanManager = beanManager;
        this.tracing = tracing;
        this.executor = executor;
        Set<String> configured = config.queues().entrySet().stream()
                .map(queue -> queue.getValue().codebase().orElse(queue.getKey())).collect(Collectors.toSet());
        this.asyncObserversByCodebase = new CodebaseCache<>(configured, MAX_OTHER_CODEBASES);
        this.eventsByCodebase = new CodebaseCache<>(configured, MAX_OTHER_CODEBASES);
    }

    /**
     * Notifies the synchronous observers on the calling thread, inside a request context, then the asynchronous
     * ones (in the caller's trace context, when tracing).
     *
     * @return completes when every asynchronous observer has completed; exceptionally if one of them threw
     * @throws RuntimeException what a synchronous observer threw
     */
    public CompletionStage<Void> dispatch(Change change) {
        Event<Change> event = eventsByCodebase.get(change.codebase(),
                codebase -> events.select(Codebase.Literal.of(codebase)));
        fireInRequestContext(event, change);
        if (!hasAsyncObservers(change)) {
            return DONE;
        }
        Executor traced = tracing.inCurrentContext(executor);
        CompletionStage<Change> notified = traced == null ? event.fireAsync(change)
                : event.fireAsync(change, NotificationOptions.ofExecutor(traced));
        return notified.thenApply(c -> null);
    }

    private static void fireInRequestContext(Event<Change> event, Change change) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            event.fire(change);
            return;
        }
        requestContext.activate();
        try {
            event.fire(change);
        } finally {
            requestContext.terminate();
        }
    }

    private boolean hasAsyncObservers(Change change) {
        return asyncObserversByCodebase.get(change.codebase(),
                codebase -> beanManager.resolveObserverMethods(change, Codebase.Literal.of(codebase)).stream()
                        .anyMatch(ObserverMethod::isAsync));
    }
}
