package io.quarkiverse.sqschanges.runtime.devui;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.sqschanges.QueueStatus;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.MapperBindings;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;

/**
 * What the Dev UI shows of the configured queues, and its test message. Registered in dev mode only.
 */
@Singleton
public class DevUiQueues {

    private final ChangeSources sources;
    private final MapperBindings mappers;

    @Inject
    public DevUiQueues(ChangeSources sources, MapperBindings mappers) {
        this.sources = sources;
        this.mappers = mappers;
    }

    /** @return every configured queue, sorted by name */
    public List<QueueRow> rows() {
        return sources.queues().stream().map(this::row).toList();
    }

    /**
     * @throws IllegalArgumentException if the queue is not configured
     */
    public QueueRow row(String queue) {
        QueueStatus status = sources.status(queue);
        QueueSettings settings = sources.settings().get(queue);
        String url = sources.queueUrl(queue).or(settings::url).orElse(null);
        return new QueueRow(queue, url, settings.queueName().orElse(null), settings.codebase(),
                settings.format().name().toLowerCase(), mappers.mapperClassByQueue().get(queue),
                status.state().name(), status.received(), status.changesFired(), status.deleted(), status.failed(),
                status.lastSuccess().map(Object::toString).orElse(null), status.lastError().orElse(null));
    }

    /**
     * Sends a test message to an enabled queue.
     *
     * @return the id SQS gave the message
     */
    public CompletableFuture<String> send(String queue, String body) {
        return sources.send(queue, body);
    }

    /**
     * One queue, as the Dev UI's table shows it.
     *
     * @param mapper the class of its {@code @ChangeMapper}, or {@code null}
     * @param state a {@link io.quarkiverse.sqschanges.QueueState} name
     */
    public record QueueRow(String name, String url, String queueName, String codebase, String format, String mapper,
            String state, long received, long changesFired, long deleted, long failed, String lastSuccess,
            String lastError) {
    }
}
