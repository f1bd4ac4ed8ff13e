package io.quarkiverse.sqschanges.runtime.changeset;

import io.quarkiverse.sqschanges.ChangeSet;

/**
 * Receives what happens to change sets, for metrics.
 */
public interface ChangeSetRecorder {

    /** Records nothing. */
    ChangeSetRecorder NONE = new ChangeSetRecorder() {
    };

    /**
     * A set is fired.
     *
     * @param gatheredNanos the time from its first change to its firing
     */
    default void fired(ChangeSet set, long gatheredNanos) {
    }

    /** An observer of a set failed, or the set could not be fired. */
    default void failed(String codebase) {
    }
}
