package io.quarkiverse.sqschanges.runtime.format;

/**
 * A message that cannot be made into a change; the message says why, without quoting the body.
 */
public final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String reason) {
        super(reason, null, false, false);
    }

    /**
     * @param reason why the message is invalid
     * @param cause what user code (a mapper) threw
     */
    public InvalidMessageException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
