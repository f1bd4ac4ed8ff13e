/**
 * Change sets: gathering the changes of a codebase over a quiet period, firing them as one {@code ChangeSet} event,
 * and telling each change's message how its set went. It knows nothing of SQS; it uses the public API,
 * {@code runtime.config} and {@code runtime.dispatch}'s refusal.
 */
package io.quarkiverse.sqschanges.runtime.changeset;
