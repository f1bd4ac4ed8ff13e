package io.quarkiverse.sqschanges.runtime.dispatch;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;

import io.quarkiverse.sqschanges.Codebase;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Fires events of one type, qualified with their codebase, to their synchronous observers (inside a request context)
 * and then their asynchronous ones; what it resolves per codebase is kept in a {@link CodebaseCache}.
 *
 * @param <T> the event type
 */
public final class CodebaseEvents<T> {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** Codebases kept beyond those of the configured queues, for mappers that set their own. */
    static final int MAX_OTHER_CODEBASES = 100;

    private final Event<T> events;
    private final BeanManager beanManager;
    private final CodebaseCache<Boolean> asyncObserversByCodebase;
    /** One event per codebase: an event resolves its observers once, on its first notification. */
    private final CodebaseCache<Event<T>> eventsByCodebase;

    /** @param configured the codebases of the configured queues: always kept */
    public CodebaseEvents(Event<T> events, BeanManager beanManager, Set<String> configured) {
        this.events = events;
        this.beanManager = beanManager;
        this.asyncObserversByCodebase = new CodebaseCache<>(configured, MAX_OTHER_CODEBASES);
        this.eventsByCodebase = new CodebaseCache<>(configured, MAX_OTHER_CODEBASES);
    }

    /**
     * @param asyncExecutor gives what runs the asynchronous observers, or {@code null} for the default; asked only
     *        when there are some
     * @return completes when every asynchronous observer has completed; exceptionally if one of them threw
     * @throws ObserversRefusedException when the executor refused to run the asynchronous observers (the synchronous
     *         ones have run), told apart from what an observer throws
     * @throws RuntimeException what a synchronous observer threw
     */
    public CompletionStage<Void> fire(T payload, String codebase, Supplier<Executor> asyncExecutor) {
        Event<T> event = eventsByCodebase.get(codebase, key -> events.select(Codebase.Literal.of(key)));
        fireInRequestContext(event, payload);
        if (!hasAsyncObservers(payload, codebase)) {
            return DONE;
        }
        Executor executor = asyncExecutor.get();
        CompletionStage<T> notified;
        try {
            notified = executor == null ? event.fireAsync(payload)
                    : event.fireAsync(payload, NotificationOptions.ofExecutor(executor));
        } catch (RejectedExecutionException e) {
            throw new ObserversRefusedException(e);
        }
        return notified.thenApply(ignored -> null);
    }

    private static <T> void fireInRequestContext(Event<T> event, T payload) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            event.fire(payload);
            return;
        }
        requestContext.activate();
        try {
            event.fire(payload);
        } finally {
            requestContext.terminate();
        }
    }

    private boolean hasAsyncObservers(T payload, String codebase) {
        return asyncObserversByCodebase.get(codebase,
                key -> beanManager.resolveObserverMethods(payload, Codebase.Literal.of(key)).stream()
                        .anyMatch(ObserverMethod::isAsync));
    }
}
