package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

/** A running consumer: an application consuming the benchmark queues. */
interface Consumer extends AutoCloseable {

    /** Starts consuming a measured queue; the index counts from 1. */
    void resume(int index) throws Exception;

    /** Stops consuming a measured queue, after the receives in flight. */
    void pause(int index) throws Exception;

    /** @return how many messages were observed so far, of all queues */
    long observed() throws Exception;

    /** @return the time from sending to observing of each pickup message, in microseconds */
    List<Long> pickupMicros() throws Exception;

    /** @return the CPU time its process has used so far, user and system, in nanoseconds */
    long cpuNanos();

    @Override
    void close();
}
