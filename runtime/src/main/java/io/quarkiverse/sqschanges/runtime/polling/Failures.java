package io.quarkiverse.sqschanges.runtime.polling;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Helpers to report failures of asynchronous calls.
 */
final class Failures {

    private Failures() {
    }

    /**
     * @return the failure behind the wrappers that futures add
     */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * @return a one-line description: the exception type and its message
     */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * @return like {@link #describe}, but for an error SQS answered, its error code and status instead of its text,
     *         which may quote what the request carried (receipt handles)
     */
    static String describeWithoutServiceText(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return cause.getClass().getSimpleName() + " (" + service.awsErrorDetails().errorCode() + ", HTTP "
                    + service.statusCode() + ")";
        }
        return describe(cause);
    }
}
