package io.quarkiverse.sqschanges.runtime.format;

import java.util.Optional;

/**
 * A message that cannot be made into a change; the message says why, without quoting the body. Details that may
 * quote it (property names, values) are kept apart, for DEBUG.
 */
public final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String details;

    public InvalidMessageException(String reason) {
        this(reason, null, null);
    }

    /**
     * @param reason why the message is invalid, quoting nothing of the body
     * @param cause what user code (a mapper) threw, or {@code null}
     * @param details what exactly is wrong, which may quote the body; or {@code null}
     */
    private InvalidMessageException(String reason, Throwable cause, String details) {
        super(reason, cause, false, false);
        this.details = details;
    }

    /**
     * @param reason why the message is invalid, quoting nothing of the body
     * @param details what exactly is wrong and where, which may quote the body (for DEBUG only)
     */
    public static InvalidMessageException withDetails(String reason, String details) {
        return new InvalidMessageException(reason, null, details);
    }

    /**
     * @param reason why the message is invalid
     * @param cause what user code (a mapper) threw
     */
    public InvalidMessageException(String reason, Throwable cause) {
        this(reason, cause, null);
    }

    /** @return what exactly is wrong and where; it may quote the body, so it is logged at DEBUG only */
    public Optional<String> details() {
        return Optional.ofNullable(details);
    }
}
