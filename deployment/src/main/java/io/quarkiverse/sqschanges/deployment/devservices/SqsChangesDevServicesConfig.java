package io.quarkiverse.sqschanges.deployment.devservices;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Dev Services for SQS Changes: an SQS-compatible server (ElasticMQ) started inside the JVM in dev and test mode.
 */
@ConfigMapping(prefix = "quarkus.sqs-changes.devservices")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SqsChangesDevServicesConfig {

    /**
     * Whether to start an embedded SQS server in dev and test mode when {@code quarkus.sqs.endpoint-override} is
     * not set. It needs no Docker. It never starts in production mode.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * A fixed port for the embedded SQS server, on 127.0.0.1. By default a free port is chosen.
     */
    OptionalInt port();

    /**
     * When set, every queue the Dev Service creates (configured and additional ones) gets a dead-letter queue, named
     * after it with {@code -dlq} (before {@code .fifo} for a FIFO queue), and a redrive policy that moves a message
     * there after this many receives: 1 to 1000, as SQS allows.
     */
    OptionalInt maxReceiveCount();

    /**
     * The visibility timeout of the queues the Dev Service creates, in whole seconds from 1s to 12h: SQS also accepts
     * 0s, which makes a message visible to other consumers while it is being handled. Defaults to SQS's 30 seconds.
     */
    Optional<Duration> visibilityTimeout();

    /**
     * More queues to create, besides those configured under {@code quarkus.sqs-changes.queues}: for example the
     * queues the application sends to. Names ending with {@code .fifo} make FIFO queues.
     */
    Optional<List<String>> additionalQueues();
}
