package io.quarkiverse.sqschanges.benchmark.runner;

/**
 * One start of the extension's application with a busy queue and that many idle queues.
 *
 * @param idleQueues the idle queues besides the busy one (and the warm-up queue)
 * @param readyMillis from process start until it answered HTTP
 * @param loggedMillis what Quarkus logged ("started in")
 * @param rssAfterGcMegabytes VmRSS after the idle time and a full garbage collection, in MiB
 * @param threads the process's live threads at the end of the idle time
 * @param idleCpuMillisPerMinute the process's CPU time while idle, in milliseconds a minute
 * @param idleReceivesPerMinutePerQueue the receive requests a minute on each idle queue; NaN without one
 * @param openConnections the connections open to the SQS server at the end of the idle time
 * @param drainMillis how long the busy queue took to drain, from resuming it until every message was deleted
 */
record ManyQueuesResult(int idleQueues, double readyMillis, double loggedMillis, double rssAfterGcMegabytes,
        int threads, double idleCpuMillisPerMinute, double idleReceivesPerMinutePerQueue, int openConnections,
        double drainMillis) {
}
