/**
 * Change sets: gathering the changes of a codebase over a quiet period, firing them as one {@code ChangeSet} event,
 * and telling each change's message how its set went. It knows nothing of SQS; it uses the public API and
 * {@code runtime.config}.
 */
package io.quarkiverse.sqschanges.runtime.changeset;
