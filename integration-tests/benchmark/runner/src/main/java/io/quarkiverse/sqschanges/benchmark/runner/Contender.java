package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

/** A way of consuming a queue, measured against the others. */
interface Contender {

    /** @return its name in the report */
    String name();

    /** @return the application it runs */
    App app();

    /** @return how many receive loops it runs per queue */
    int threads();

    /** @return how many measured queues it consumes over that many rounds: one each, or one paused in between */
    int measuredQueues(int rounds);

    /**
     * Starts a consumer, through an SQS endpoint, of a warm-up queue, consumed at once and in the same way as
     * the others, so that they are consumed by warm code; and of measured queues, each from
     * {@link Consumer#resume(int)} on.
     */
    Consumer start(List<Queue> measured, Queue warmup, String sqsEndpoint) throws Exception;
}
