package io.quarkiverse.sqschanges.runtime.changeset;

/**
 * What a change in a set belongs to (its message), told how the set went, once for each of its changes added to a
 * set.
 */
public interface SetMember {

    /** How a set went. */
    enum Outcome {
        /** Every observer of the set completed normally. */
        HANDLED,
        /** An observer of the set failed, or the set could not be fired. */
        FAILED,
        /**
         * The set was not fired: the application is stopping, or the worker pool refused to run it. Its messages are
         * made visible again at once.
         */
        ABANDONED
    }

    /**
     * @param failure with {@link Outcome#FAILED}, what failed; otherwise {@code null}
     */
    void settled(Outcome outcome, Throwable failure);

    /** @return the id of the message, for the log and the Dev UI */
    String messageId();
}
