package io.quarkiverse.sqschanges.it.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import io.opentelemetry.api.trace.Span;
import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;

/**
 * Records the span each observer of a {@code builds} change runs in, by message id.
 */
@Singleton
public class TraceOfObservers {

    final Map<String, String> syncSpanByMessage = new ConcurrentHashMap<>();
    final Map<String, String> asyncSpanByMessage = new ConcurrentHashMap<>();

    void onChange(@Observes @Codebase("builds") Change change) {
        syncSpanByMessage.put(change.message().messageId(), Span.current().getSpanContext().getSpanId());
    }

    void onChangeAsync(@ObservesAsync @Codebase("builds") Change change) {
        asyncSpanByMessage.put(change.message().messageId(), Span.current().getSpanContext().getSpanId());
    }
}
