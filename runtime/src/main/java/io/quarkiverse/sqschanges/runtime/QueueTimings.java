package io.quarkiverse.sqschanges.runtime;

/**
 * Receives per-message timings of a queue; metrics implement it when Micrometer is present.
 */
interface QueueTimings {

    /** Records nothing. */
    QueueTimings NONE = new QueueTimings() {
        @Override
        public void lag(long millis) {
        }

        @Override
        public void handled(long nanos) {
        }
    };

    /**
     * @param millis how long the message waited in SQS: receipt time minus {@code SentTimestamp}
     */
    void lag(long millis);

    /**
     * @param nanos how long its changes took to handle, from firing to the last observer's completion
     */
    void handled(long nanos);
}
