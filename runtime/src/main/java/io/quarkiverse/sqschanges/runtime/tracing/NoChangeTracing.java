package io.quarkiverse.sqschanges.runtime.tracing;

import java.util.concurrent.Executor;

import jakarta.inject.Singleton;

import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkus.arc.DefaultBean;

/**
 * No tracing: the application has no OpenTelemetry tracer.
 */
@Singleton
@DefaultBean
public class NoChangeTracing implements ChangeTracing {

    @Override
    public MessageSpan start(QueueSettings queue, String queueUrl, SqsMessage message) {
        return NO_SPAN;
    }

    @Override
    public Executor inCurrentContext(Executor executor) {
        return null;
    }
}
