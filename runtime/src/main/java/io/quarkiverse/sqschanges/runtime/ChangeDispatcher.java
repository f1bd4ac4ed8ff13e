package io.quarkiverse.sqschanges.runtime;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;
import io.quarkiverse.sqschanges.runtime.dispatch.CodebaseEvents;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;

/**
 * Fires a {@link Change}, or a {@link ChangeSet}, to its synchronous and asynchronous observers, qualified with its
 * codebase.
 */
@ApplicationScoped
public class ChangeDispatcher {

    private final ChangeTracing tracing;
    private final ExecutorService executor;
    private final CodebaseEvents<Change> changes;
    private final CodebaseEvents<ChangeSet> changeSets;

    @Inject
    public ChangeDispatcher(Event<Change> changeEvents, Event<ChangeSet> changeSetEvents, BeanManager beanManager,
            ChangeTracing tracing, ExecutorService executor, SqsChangesConfig config) {
        this.tracing = tracing;
        this.executor = executor;
        Set<String> configured = config.queues().entrySet().stream()
                .map(queue -> queue.getValue().codebase().orElse(queue.getKey())).collect(Collectors.toSet());
        this.changes = new CodebaseEvents<>(changeEvents, beanManager, configured);
        this.changeSets = new CodebaseEvents<>(changeSetEvents, beanManager, config.changeSets().keySet());
    }

    /**
     * Notifies the synchronous observers on the calling thread, inside a request context, then the asynchronous
     * ones (in the caller's trace context, when tracing).
     *
     * @return completes when every asynchronous observer has completed; exceptionally if one of them threw
     * @throws RuntimeException what a synchronous observer threw
     */
    public CompletionStage<Void> dispatch(Change change) {
        return changes.fire(change, change.codebase(), () -> tracing.inCurrentContext(executor));
    }

    /**
     * Notifies the synchronous observers of a change set on the calling thread, inside a request context, then the
     * asynchronous ones.
     *
     * @return completes when every asynchronous observer has completed; exceptionally if one of them threw
     * @throws RuntimeException what a synchronous observer threw
     */
    public CompletionStage<Void> dispatch(ChangeSet set) {
        return changeSets.fire(set, set.codebase(), () -> null);
    }
}
