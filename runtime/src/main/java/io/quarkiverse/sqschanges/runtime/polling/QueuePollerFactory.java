package io.quarkiverse.sqschanges.runtime.polling;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetGatherer;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.format.BodyFormat;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Makes the poller of each enabled queue, from what the queues share: the observers, the duplicate filter, the
 * change sets, tracing and the threads.
 */
public final class QueuePollerFactory {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Function<Change, CompletionStage<Void>> dispatch;
    private final DuplicateFilter duplicates;
    private final ChangeTracing tracing;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final ChangeSetGatherer sets;

    /**
     * @param dispatch fires a change to its observers; completes when they have, exceptionally if one failed
     * @param sets gathers the changes of the codebases configured for change sets
     */
    public QueuePollerFactory(Function<Change, CompletionStage<Void>> dispatch, DuplicateFilter duplicates,
            ChangeTracing tracing, Executor workers, ScheduledExecutorService timer, ChangeSetGatherer sets) {
        this.dispatch = dispatch;
        this.duplicates = duplicates;
        this.tracing = tracing;
        this.workers = workers;
        this.timer = timer;
        this.sets = sets;
    }

    /**
     * @param mapper the queue's mapper, or {@code null}
     * @param paused whether the queue's job is paused
     */
    public QueuePoller create(QueueSettings queue, SqsAsyncClient sqs, BodyFormat format, MessageMapper mapper,
            BooleanSupplier paused) {
        QueueCounters counters = new QueueCounters();
        BatchHandler handler = new BatchHandler(queue, new ChangeFactory(queue, format, mapper), dispatch,
                new DuplicateClaims(queue.name(), queue.deduplicate() ? duplicates : null,
                        new FilterAvailability(queue.name(), duplicates, System::nanoTime),
                        counters),
                counters, tracing, sets);
        return new QueuePoller(queue, sqs, handler, workers, timer,
                new PollingBackoff(queue.pollInterval(), MAX_BACKOFF, () -> System.nanoTime() / 1_000_000), counters, paused);
    }
}
