package io.quarkiverse.sqschanges.runtime.config;

/**
 * The ranges and limits of Amazon SQS that the extension checks values against or relies on, all in one place: the
 * runtime configuration checks, the Dev Service's checks and the calls to SQS use them.
 */
public final class SqsLimits {

    /**
     * The shortest visibility timeout the extension receives with: SQS allows 0, which makes a message visible again
     * at once, so that another receive (another loop, another instance) handles it while it is being handled.
     */
    public static final int MIN_VISIBILITY_TIMEOUT_SECONDS = 1;

    /** The longest visibility timeout, 12 hours: also the longest delay before a retry. */
    public static final int MAX_VISIBILITY_TIMEOUT_SECONDS = 12 * 60 * 60;

    /** The visibility timeout of a queue created without one. */
    public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

    /** The longest long-polling wait of one receive. */
    public static final int MAX_WAIT_TIME_SECONDS = 20;

    /** The fewest messages one receive may ask for. */
    public static final int MIN_MESSAGES_PER_RECEIVE = 1;

    /** The most messages one receive may ask for. */
    public static final int MAX_MESSAGES_PER_RECEIVE = 10;

    /** The most entries of one batch action, such as {@code DeleteMessageBatch}. */
    public static final int MAX_BATCH_ENTRIES = 10;

    /** The lowest {@code maxReceiveCount} of a redrive policy. */
    public static final int MIN_MAX_RECEIVE_COUNT = 1;

    /** The highest {@code maxReceiveCount} of a redrive policy. */
    public static final int MAX_MAX_RECEIVE_COUNT = 1000;

    /**
     * Messages in flight (received, neither deleted nor visible again) per queue, standard or FIFO, at most: SQS's
     * quota.
     */
    public static final int MAX_IN_FLIGHT = 120_000;

    /** How long a change set may gather at most: an hour short of SQS's 12-hour limit, for its observers. */
    public static final int MAX_CHANGE_SET_WAIT_SECONDS = 11 * 60 * 60;

    private SqsLimits() {
    }
}
