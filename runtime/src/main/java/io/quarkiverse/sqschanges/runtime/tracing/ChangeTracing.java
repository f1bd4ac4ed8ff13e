package io.quarkiverse.sqschanges.runtime.tracing;

import java.util.concurrent.Executor;

import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;

/**
 * Traces the handling of each message. Without OpenTelemetry it does nothing ({@link NoChangeTracing}); with it,
 * each message gets a consumer span ({@code OpenTelemetryChangeTracing}).
 */
public interface ChangeTracing {

    /**
     * Starts the handling of one message; the caller makes the span current while it maps and fires, and ends it
     * once every observer has completed.
     */
    MessageSpan start(QueueSettings queue, String queueUrl, SqsMessage message);

    /**
     * @return an executor that runs tasks in the caller's current trace context, for asynchronous observers; or
     *         {@code null} when there is nothing to carry
     */
    Executor inCurrentContext(Executor executor);

    /** The handling of one message, as a span. */
    interface MessageSpan {

        /** Makes the span current on this thread until the returned scope is closed. */
        Scope makeCurrent();

        /** Marks the handling as failed, with its cause. */
        void failed(Throwable cause);

        /** Ends the span. */
        void end();
    }

    /** A span made current; closing it restores the previous context. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A span that records nothing. */
    MessageSpan NO_SPAN = new MessageSpan() {
        @Override
        public Scope makeCurrent() {
            return () -> {
            };
        }

        @Override
        public void failed(Throwable cause) {
        }

        @Override
        public void end() {
        }
    };
}
