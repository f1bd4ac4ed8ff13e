package io.quarkiverse.sqschanges.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.DuplicateFilter;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.QueueState;
import io.quarkiverse.sqschanges.QueueStatus;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetGatherer;
import io.quarkiverse.sqschanges.runtime.config.ChangeSetSettings;
import io.quarkiverse.sqschanges.runtime.config.ConfigNames;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkiverse.sqschanges.runtime.config.QueueSettingsFactory;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesFixedConfig;
import io.quarkiverse.sqschanges.runtime.config.SqsClientPoolCheck;
import io.quarkiverse.sqschanges.runtime.format.BodyFormat;
import io.quarkiverse.sqschanges.runtime.format.BodyFormats;
import io.quarkiverse.sqschanges.runtime.polling.QueueCounters;
import io.quarkiverse.sqschanges.runtime.polling.QueuePoller;
import io.quarkiverse.sqschanges.runtime.polling.QueuePollerFactory;
import io.quarkiverse.sqschanges.runtime.polling.SqsClients;
import io.quarkiverse.sqschanges.runtime.tracing.ChangeTracing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Starts a poller per enabled queue at startup, each driven by a scheduler job, and stops them at shutdown,
 * letting the changes in flight finish and their messages be deleted before the SQS clients close. It is also
 * the application's {@link ChangeSourceControl}.
 */
@Singleton
public class ChangeSources implements ChangeSourceControl {

    private static final Logger LOG = Logger.getLogger(ChangeSources.class);
    private static final String JOB_PREFIX = "sqs-changes:";

    private final SqsChangesConfig config;
    private final SqsChangesFixedConfig fixedConfig;
    private final Scheduler scheduler;
    private final ChangeDispatcher dispatcher;
    /** Resolved only when a queue needs JSON: an application with raw queues only never creates it. */
    private final Instance<ObjectMapper> objectMapper;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final MapperBindings mappers;
    private final DuplicateFilter duplicates;
    private final ChangeTracing tracing;
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final Map<String, QueuePoller> pollersByQueue = new ConcurrentHashMap<>();
    private volatile List<String> configuredQueues = List.of();
    private volatile Map<String, QueueSettings> settingsByQueue = Map.of();
    private volatile ChangeSetGatherer changeSets;

    @Inject
    public ChangeSources(SqsChangesConfig config, SqsChangesFixedConfig fixedConfig, Scheduler scheduler,
            ChangeDispatcher dispatcher,
            Instance<ObjectMapper> objectMapper, ExecutorService workers, ScheduledExecutorService timer,
            MapperBindings mappers, DuplicateFilter duplicates, ChangeTracing tracing) {
        this.config = config;
        this.fixedConfig = fixedConfig;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.objectMapper = objectMapper;
        this.workers = workers;
        this.timer = timer;
        this.mappers = mappers;
        this.duplicates = duplicates;
        this.tracing = tracing;
    }

    void start(@Observes StartupEvent event) {
        List<String> problems = new ArrayList<>();
        List<QueueSettings> queues = QueueSettingsFactory.create(config, fixedConfig, problems);
        configuredQueues = queues.stream().map(QueueSettings::name).toList();
        settingsByQueue = queues.stream().collect(Collectors.toUnmodifiableMap(QueueSettings::name, q -> q));
        problems.addAll(mappers.problems(new TreeSet<>(config.queues().keySet())));
        SqsClientPoolCheck pool = SqsClientPoolCheck.of(queues, ConfigProvider.getConfig());
        pool.problem().ifPresent(problems::add);
        BodyFormats formats = new BodyFormats(objectMapper::get);
        Map<String, ChangeSetSettings> setSettings = ChangeSetSettings.create(config, queues, problems);
        Set<String> queueCodebases = queues.stream().map(QueueSettings::codebase).collect(Collectors.toSet());
        for (String codebase : setSettings.keySet()) {
            if (!queueCodebases.contains(codebase)) {
                LOG.warnf("%s configures change sets for codebase '%s', which no configured queue has: only the"
                        + " changes a mapper gives that codebase are gathered. Known codebases: %s",
                        ChangeSetSettings.property(codebase, "*"), codebase, new TreeSet<>(queueCodebases));
            }
        }
        changeSets = new ChangeSetGatherer(setSettings, dispatcher::dispatch, workers, timer);
        QueuePollerFactory pollerFactory = new QueuePollerFactory(dispatcher::dispatch, duplicates, tracing, workers,
                timer, changeSets);
        for (QueueSettings queue : queues) {
            if (!queue.enabled()) {
                LOG.infof("Queue '%s' is disabled (%s=false)", queue.name(), queue.property("enabled"));
                continue;
            }
            Optional<SqsAsyncClient> client = SqsClients.forQueue(queue, problems);
            MessageMapper mapper = mappers.mapperFor(queue.name()).orElse(null);
            BodyFormat format = formats.forQueue(queue, problems);
            String job = JOB_PREFIX + queue.name();
            client.ifPresent(sqs -> pollers.add(pollerFactory.create(queue, sqs, format, mapper,
                    () -> scheduler.isPaused(job))));
        }
        if (!problems.isEmpty()) {
            pollers.clear();
            throw new ConfigurationException("Invalid SQS change source configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
        if (pool.anyLoop()) {
            LOG.info(pool.summary());
        }
        for (QueuePoller poller : pollers) {
            pollersByQueue.put(poller.queue().name(), poller);
            schedule(poller);
        }
    }

    /**
     * Starts each queue's first run once the application's own startup observers have run, instead of at the
     * scheduler's first trigger (up to a second later), so that a message sent at startup is picked up at once.
     */
    void pollFirst(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        for (QueuePoller poller : pollers) {
            poller.run();
        }
    }

    @Override
    public List<String> queues() {
        return configuredQueues;
    }

    @Override
    public void pause(String queue) {
        scheduler.pause(JOB_PREFIX + poller(queue).queue().name());
    }

    @Override
    public void resume(String queue) {
        scheduler.resume(JOB_PREFIX + poller(queue).queue().name());
    }

    @Override
    public void pollNow(String queue) {
        QueuePoller poller = poller(queue);
        if (scheduler.isPaused(JOB_PREFIX + queue)) {
            throw new IllegalStateException("Queue '" + queue + "' is paused; resume it before polling it");
        }
        poller.runNow();
    }

    @Override
    public QueueStatus status(String queue) {
        if (!configuredQueues.contains(queue)) {
            throw unknownQueue(queue);
        }
        QueuePoller poller = pollersByQueue.get(queue);
        if (poller == null) {
            return new QueueStatus(queue, QueueState.DISABLED, Optional.empty(), Optional.empty(), 0, 0, 0, 0);
        }
        QueueCounters counters = poller.counters();
        QueueState state = poller.stopping() ? QueueState.STOPPED
                : scheduler.isPaused(JOB_PREFIX + queue) ? QueueState.PAUSED
                        : poller.failing() ? QueueState.FAILING
                                : poller.stalled() ? QueueState.STALLED : QueueState.POLLING;
        return new QueueStatus(queue, state, counters.lastSuccess(),
                poller.failing() ? counters.lastError() : Optional.empty(), counters.received(), counters.fired(),
                counters.deleted(), counters.failedCount());
    }

    /** @return the counters of an enabled queue, for metrics */
    public Optional<QueueCounters> counters(String queue) {
        return Optional.ofNullable(pollersByQueue.get(queue)).map(QueuePoller::counters);
    }

    /** @return the settings of every configured queue, disabled ones included, by name */
    public Map<String, QueueSettings> settings() {
        return settingsByQueue;
    }

    /** @return what gathers change sets; {@code null} before startup */
    public ChangeSetGatherer changeSets() {
        return changeSets;
    }

    /** @return the queue URL of an enabled queue, once configured or resolved */
    public Optional<String> queueUrl(String queue) {
        return Optional.ofNullable(pollersByQueue.get(queue)).map(QueuePoller::queueUrl);
    }

    /**
     * Sends a message to a queue with the client that polls it (the Dev UI's test message). On a FIFO queue the
     * message gets the group {@code dev-ui} and a random deduplication id.
     *
     * @return the id SQS gave the message
     * @throws IllegalArgumentException if the queue is not configured, or disabled
     */
    public CompletableFuture<String> send(String queue, String body) {
        QueuePoller poller = poller(queue);
        SqsAsyncClient sqs = poller.sqs();
        return poller.resolveUrl().thenCompose(queueUrl -> sqs.sendMessage(b -> {
            b.queueUrl(queueUrl).messageBody(body);
            if (poller.queue().fifo()) {
                b.messageGroupId("dev-ui").messageDeduplicationId(UUID.randomUUID().toString());
            }
        })).thenApply(response -> response.messageId());
    }

    private QueuePoller poller(String queue) {
        QueuePoller poller = pollersByQueue.get(queue);
        if (poller == null) {
            throw configuredQueues.contains(queue)
                    ? new IllegalArgumentException("Queue '" + queue + "' is disabled ("
                            + ConfigNames.queueProperty(queue, "enabled") + "=false)")
                    : unknownQueue(queue);
        }
        return poller;
    }

    private IllegalArgumentException unknownQueue(String queue) {
        return new IllegalArgumentException("No queue named '" + queue + "' is configured; known queues: "
                + configuredQueues);
    }

    private void schedule(QueuePoller poller) {
        QueueSettings queue = poller.queue();
        scheduler.newJob(JOB_PREFIX + queue.name())
                .setInterval(queue.pollInterval().toString())
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> Uni.createFrom().completionStage(poller::run))
                .schedule();
        LOG.infof("Polling queue '%s' (codebase '%s', format %s%s)", queue.name(), queue.codebase(),
                queue.format().name().toLowerCase(), mappers.mapperClassByQueue().containsKey(queue.name())
                        ? ", mapper " + mappers.mapperClassByQueue().get(queue.name())
                        : "");
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        if (pollers.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> runs = new ArrayList<>(pollers.size());
        for (QueuePoller poller : pollers) {
            scheduler.unscheduleJob(JOB_PREFIX + poller.queue().name());
            runs.add(poller.stop());
        }
        // once no receive is under way, which could take them again: the open sets are not fired, and their messages
        // are made visible again at once
        changeSets.stop();
        try {
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                    .get(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Changes still in flight after %s (quarkus.sqs-changes.shutdown-timeout); their messages stay on"
                    + " their queues and will be delivered again", config.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Stopping the SQS pollers failed", e);
        }
        pollers.clear();
    }
}
