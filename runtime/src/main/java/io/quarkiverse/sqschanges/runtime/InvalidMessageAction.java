package io.quarkiverse.sqschanges.runtime;

/**
 * What happens to a message that cannot be made into a change.
 */
public enum InvalidMessageAction {
    /** Leave it on the queue; it is delivered again, or moved by the queue's redrive policy. */
    KEEP,
    /** Delete it. */
    DELETE
}
