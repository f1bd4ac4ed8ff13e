package io.quarkiverse.sqschanges.runtime.observability;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.polling.MessageTimingRecorder;
import io.quarkiverse.sqschanges.runtime.polling.QueueCounters;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes each queue's counters and timings to Micrometer. Registered only when the application has
 * {@code quarkus-micrometer}.
 */
@Singleton
public class SqsChangesMetrics {

    static final String PREFIX = "sqs.changes.";

    private final ChangeSources sources;
    private final MeterRegistry registry;

    public SqsChangesMetrics(ChangeSources sources, MeterRegistry registry) {
        this.sources = sources;
        this.registry = registry;
    }

    /** Runs after the pollers are created at startup. */
    void register(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        for (String queue : sources.queues()) {
            sources.counters(queue).ifPresent(counters -> register(queue, counters));
        }
    }

    private void register(String queue, QueueCounters counters) {
        Tags tags = Tags.of("queue", queue);
        counter("messages.received", "Messages received", tags, counters, QueueCounters::received);
        counter("changes.fired", "Changes fired to observers", tags, counters, QueueCounters::fired);
        counter("messages.deleted", "Messages deleted after handling (or by a failure rule)", tags, counters,
                QueueCounters::deleted);
        counter("messages.duplicates", "Messages skipped as already handled (deduplicate=true)", tags, counters,
                QueueCounters::duplicates);
        counter("deduplication.unavailable", "Messages handled as new, without the duplicate check, because the"
                + " duplicate filter failed or was unavailable (deduplicate=true)", tags, counters,
                QueueCounters::withoutDuplicateFilter);
        for (QueueCounters.FailureReason reason : QueueCounters.FailureReason.values()) {
            counter("messages.failed", "Messages whose handling failed, by reason", tags.and("reason",
                    reason.name().toLowerCase()), counters, s -> s.failedCount(reason));
        }
        counter("requests", "SQS requests", tags.and("action", "receive").and("outcome", "success"), counters,
                s -> s.receiveRequests() - s.receiveErrors());
        counter("requests", "SQS requests", tags.and("action", "receive").and("outcome", "error"), counters,
                QueueCounters::receiveErrors);
        counter("requests", "SQS requests", tags.and("action", "delete").and("outcome", "success"), counters,
                s -> s.deleteRequests() - s.deleteErrors());
        counter("requests", "SQS requests", tags.and("action", "delete").and("outcome", "error"), counters,
                QueueCounters::deleteErrors);
        counter("requests", "SQS requests", tags.and("action", "change-visibility").and("outcome", "success"),
                counters, s -> s.visibilityRequests() - s.visibilityErrors());
        counter("requests", "SQS requests", tags.and("action", "change-visibility").and("outcome", "error"), counters,
                QueueCounters::visibilityErrors);
        counter("stalls", "Batches whose observers ran longer than handler-timeout", tags, counters,
                QueueCounters::stalls);
        counter("refusals", "Batches the worker pool refused to run, made visible again", tags, counters,
                QueueCounters::refusals);
        Gauge.builder(PREFIX + "stalled", counters, QueueCounters::stalledBatches)
                .description("Batches whose observers have run longer than handler-timeout and still run").tags(tags)
                .register(registry);

        Timer lag = Timer.builder(PREFIX + "lag").description("Time from sending to receipt (now - SentTimestamp)")
                .tags(tags).publishPercentileHistogram().register(registry);
        Timer handling = Timer.builder(PREFIX + "handling")
                .description("Time from firing a message's changes to the completion of their last observer")
                .tags(tags).publishPercentileHistogram().register(registry);
        counters.recordTimingsWith(new MessageTimingRecorder() {
            @Override
            public void lag(long millis) {
                lag.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
            }

            @Override
            public void handled(long nanos) {
                handling.record(nanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    private void counter(String name, String description, Tags tags, QueueCounters counters,
            ToDoubleFunction<QueueCounters> value) {
        FunctionCounter.builder(PREFIX + name, counters, value).description(description).tags(tags).register(registry);
    }
}
