package io.quarkiverse.sqschanges.runtime.dispatch;

import java.util.concurrent.RejectedExecutionException;

/**
 * The executor refused to run an event's asynchronous observers, after its synchronous ones had run: not a failure of
 * an observer (one that throws a {@link RejectedExecutionException} of its own fails as any other), so its message is
 * made visible again rather than handled as failed.
 */
public final class ObserversRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ObserversRefusedException(RejectedExecutionException refusal) {
        super("The executor refused to run the asynchronous observers: " + refusal.getMessage(), refusal);
    }

    /** @return what the executor threw */
    public RejectedExecutionException refusal() {
        return (RejectedExecutionException) getCause();
    }
}
