/**
 * Polling a queue: the receive loops, batch handling (turning messages into changes, and what happens to a failed
 * message), deletes, visibility changes, back-off, messages held for change sets and per-queue counters. It may use
 * {@code config}, {@code format}, {@code tracing}, {@code changeset}, {@code dispatch}'s refusal and the API.
 */
package io.quarkiverse.sqschanges.runtime.polling;
