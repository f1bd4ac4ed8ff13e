/**
 * The Micrometer metrics and the readiness check of the queues. It may use the root {@code runtime} package,
 * {@code polling}'s counters, {@code changeset}'s state, {@code config} and the public API; nothing uses it but the deployment
 * module.
 */
package io.quarkiverse.sqschanges.runtime.observability;
