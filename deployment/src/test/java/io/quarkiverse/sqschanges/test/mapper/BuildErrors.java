package io.quarkiverse.sqschanges.test.mapper;

/**
 * Flattens a build failure (with its causes and suppressed exceptions) into one text to assert on.
 */
final class BuildErrors {

    private BuildErrors() {
    }

    static String text(Throwable failure) {
        StringBuilder text = new StringBuilder();
        append(failure, text, 0);
        return text.toString();
    }

    private static void append(Throwable failure, StringBuilder text, int depth) {
        if (failure == null || depth > 20) {
            return;
        }
        text.append(failure.getMessage()).append('\n');
        for (Throwable suppressed : failure.getSuppressed()) {
            append(suppressed, text, depth + 1);
        }
        append(failure.getCause(), text, depth + 1);
    }
}
