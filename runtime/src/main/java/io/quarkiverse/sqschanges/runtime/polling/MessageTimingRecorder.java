package io.quarkiverse.sqschanges.runtime.polling;

/**
 * Records how long each message of a queue waited in SQS and took to handle; the metrics implement it when
 * Micrometer is present.
 */
public interface MessageTimingRecorder {

    /** Records nothing. */
    MessageTimingRecorder NONE = new MessageTimingRecorder() {
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
