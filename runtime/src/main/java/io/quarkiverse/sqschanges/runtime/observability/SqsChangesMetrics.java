package io.quarkiverse.sqschanges.runtime.observability;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetGatherer;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetRecorder;
import io.quarkiverse.sqschanges.runtime.polling.MessageTimingRecorder;
import io.quarkiverse.sqschanges.runtime.polling.QueueCounters;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes each queue's counters and timings, and what happens to change sets, to Micrometer. Registered only when the
 * application has
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
        ChangeSetGatherer changeSets = sources.changeSets();
        if (changeSets != null && changeSets.any()) {
            changeSets.recordWith(new ChangeSetMetrics());
            Gauge.builder(PREFIX + "sets.stalled", changeSets, sets -> sets.stalled().size())
                    .description("Change sets whose observers have run longer than their handler-timeout and still run")
                    .register(registry);
        }
    }

    /** Meters per codebase, registered on the first set of each (the registry keeps one meter per name and tags). */
    private final class ChangeSetMetrics implements ChangeSetRecorder {

        @Override
        public void fired(ChangeSet set, long gatheredNanos) {
            Tags tags = Tags.of("codebase", set.codebase());
            Counter.builder(PREFIX + "sets.fired").description("Change sets fired, by what ended their gathering")
                    .tags(tags.and("trigger", set.trigger().name().toLowerCase())).register(registry).increment();
            DistributionSummary.builder(PREFIX + "sets.size").description("Changes per change set").tags(tags)
                    .register(registry).record(set.size());
            Timer.builder(PREFIX + "sets.gathering")
                    .description("Time from the first change of a change set to its firing").tags(tags)
                    .register(registry).record(gatheredNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void failed(String codebase) {
            Counter.builder(PREFIX + "sets.failed").description("Change sets whose observers failed")
                    .tags(Tags.of("codebase", codebase)).register(registry).increment();
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
        counter("refusals", "Batches the worker pool refused to run, and messages whose asynchronous observers it"
                + " refused to run, made visible again", tags, counters,
                QueueCounters::refusals);
        Gauge.builder(PREFIX + "messages.held", counters, QueueCounters::heldMessages)
                .description("Messages kept hidden while their changes wait in change sets").tags(tags)
                .register(registry);
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
