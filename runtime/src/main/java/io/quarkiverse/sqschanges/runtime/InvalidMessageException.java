package io.quarkiverse.sqschanges.runtime;

/**
 * A message that cannot be made into a change; the message says why, without quoting the body.
 */
public final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String reason) {
        super(reason, null, false, false);
    }
}
