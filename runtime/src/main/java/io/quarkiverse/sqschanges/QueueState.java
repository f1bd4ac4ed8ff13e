package io.quarkiverse.sqschanges;

/**
 * What a configured queue's poller is doing.
 */
public enum QueueState {
    /** Polled on schedule; the last call to SQS succeeded (or none was made yet). */
    POLLING,
    /** Polled on schedule, but the last call to SQS failed: polling backs off until it works again. */
    FAILING,
    /**
     * Polled, but the observers of at least one batch have run longer than the queue's {@code handler-timeout}:
     * they may hang. The queue goes on polling with its other receive loops. {@code PAUSED} and {@code FAILING}
     * rank above it (see {@link ChangeSourceControl#status(String)}): the readiness check names a stalled batch
     * whatever the state.
     */
    STALLED,
    /** Paused: not polled until resumed. */
    PAUSED,
    /** Disabled by configuration ({@code enabled=false}). */
    DISABLED,
    /** Stopped: the application is shutting down. */
    STOPPED
}
