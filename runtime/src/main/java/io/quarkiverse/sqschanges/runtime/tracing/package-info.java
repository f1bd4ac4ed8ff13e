/**
 * Tracing the handling of each message: nothing by default, an OpenTelemetry consumer span when a tracer exists.
 * It may use {@code config} and the public API.
 */
package io.quarkiverse.sqschanges.runtime.tracing;
