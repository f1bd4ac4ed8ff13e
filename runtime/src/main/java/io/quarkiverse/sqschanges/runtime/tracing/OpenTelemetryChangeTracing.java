package io.quarkiverse.sqschanges.runtime.tracing;

import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkiverse.sqschanges.SqsMessage;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One {@link SpanKind#CONSUMER CONSUMER} span per message, named {@code process <queue>}, with the messaging
 * attributes of the OpenTelemetry semantic conventions. The producer's context, from the {@code traceparent}
 * message attribute (or whatever the configured propagators read) or else from the {@code AWSTraceHeader} system
 * attribute, is the span's parent and also its link. Registered only when the application has an OpenTelemetry
 * tracer.
 */
@Singleton
public class OpenTelemetryChangeTracing implements ChangeTracing {

    static final String INSTRUMENTATION_SCOPE = "io.quarkiverse.sqs-changes";

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> QUEUE_URL = AttributeKey.stringKey("aws.sqs.queue.url");
    private static final AttributeKey<String> CODEBASE = AttributeKey.stringKey("sqs_changes.codebase");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public OpenTelemetryChangeTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public MessageSpan start(QueueSettings queue, String queueUrl, SqsMessage message) {
        Context producer = producerContext(message);
        SpanContext producerSpan = Span.fromContext(producer).getSpanContext();
        SpanBuilder span = tracer.spanBuilder("process " + queue.name())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "aws_sqs")
                .setAttribute(OPERATION_NAME, "process")
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(DESTINATION, queue.name())
                .setAttribute(MESSAGE_ID, message.messageId())
                .setAttribute(CODEBASE, queue.codebase());
        if (queueUrl != null) {
            span.setAttribute(QUEUE_URL, queueUrl);
        }
        if (producerSpan.isValid()) {
            span.setParent(producer).addLink(producerSpan);
        } else {
            span.setNoParent();
        }
        return new OpenTelemetryMessageSpan(span.startSpan());
    }

    @Override
    public Executor inCurrentContext(Executor executor) {
        return Context.current().wrap(executor);
    }

    private Context producerContext(SqsMessage message) {
        Context extracted = propagator.extract(Context.root(), message.messageAttributes(), MessageAttributes.GETTER);
        if (Span.fromContext(extracted).getSpanContext().isValid()) {
            return extracted;
        }
        SpanContext xray = XRayTraceHeader.parse(message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER
                .toString()));
        return xray.isValid() ? Context.root().with(Span.wrap(xray)) : Context.root();
    }

    private static final class OpenTelemetryMessageSpan implements MessageSpan {

        private final Span span;

        OpenTelemetryMessageSpan(Span span) {
            this.span = span;
        }

        @Override
        public Scope makeCurrent() {
            io.opentelemetry.context.Scope scope = span.makeCurrent();
            return scope::close;
        }

        @Override
        public void failed(Throwable cause) {
            span.recordException(cause);
            span.setStatus(StatusCode.ERROR, cause.getMessage() == null ? "" : cause.getMessage());
            span.setAttribute(ERROR_TYPE, cause.getClass().getName());
        }

        @Override
        public void end() {
            span.end();
        }
    }

    /** Reads string message attributes, where producers put {@code traceparent} and {@code tracestate}. */
    private enum MessageAttributes implements TextMapGetter<Map<String, MessageAttributeValue>> {
        GETTER;

        @Override
        public Iterable<String> keys(Map<String, MessageAttributeValue> attributes) {
            return attributes.keySet();
        }

        @Override
        public String get(Map<String, MessageAttributeValue> attributes, String key) {
            MessageAttributeValue value = attributes == null ? null : attributes.get(key);
            return value == null ? null : value.stringValue();
        }
    }
}
