package io.quarkiverse.sqschanges.runtime.tracing;

import java.util.Locale;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Reads the producer's trace context from the {@code AWSTraceHeader} system attribute, which SQS sets from the
 * X-Ray header of the send request: {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}.
 */
final class XRayTraceHeader {

    private static final int ROOT_LENGTH = 35; // "1-" + 8 hex digits of epoch seconds + "-" + 24 hex digits

    private XRayTraceHeader() {
    }

    /**
     * @return the remote span context, or an invalid one if the header is absent or not of that form
     */
    static SpanContext parse(String header) {
        if (header == null || header.isBlank()) {
            return SpanContext.getInvalid();
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = "1".equals(value);
                default -> {
                    // other keys (Lineage, Self, ...) carry nothing for the span context
                }
            }
        }
        if (root == null || parent == null || root.length() != ROOT_LENGTH || !root.startsWith("1-")
                || root.charAt(10) != '-') {
            return SpanContext.getInvalid();
        }
        String traceId = (root.substring(2, 10) + root.substring(11)).toLowerCase(Locale.ROOT);
        return SpanContext.createFromRemoteParent(traceId, parent.toLowerCase(Locale.ROOT),
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    }
}
