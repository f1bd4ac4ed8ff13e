/**
 * Firing events to their observers by codebase: synchronous observers in a request context, then asynchronous ones,
 * with a refusal of the executor told apart from an observer's failure. It uses only the public API.
 */
package io.quarkiverse.sqschanges.runtime.dispatch;
