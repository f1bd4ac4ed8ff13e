package io.quarkiverse.sqschanges.runtime.polling;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happens on one queue, for {@code ChangeSourceControl.status} and the metrics.
 */
public final class QueueCounters {

    private static final int MAX_ERROR_LENGTH = 160;

    private final LongAdder received = new LongAdder();
    private final LongAdder fired = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder failedInvalid = new LongAdder();
    private final LongAdder failedMapping = new LongAdder();
    private final LongAdder failedObserver = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder withoutDuplicateFilter = new LongAdder();
    private final LongAdder receiveRequests = new LongAdder();
    private final LongAdder receiveErrors = new LongAdder();
    private final LongAdder deleteRequests = new LongAdder();
    private final LongAdder deleteErrors = new LongAdder();
    private final LongAdder stalls = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private final AtomicInteger stalledBatches = new AtomicInteger();
    private final AtomicInteger heldMessages = new AtomicInteger();
    private final LongAdder visibilityRequests = new LongAdder();
    private final LongAdder visibilityErrors = new LongAdder();
    private volatile MessageTimingRecorder timings = MessageTimingRecorder.NONE;
    private volatile Instant lastSuccess;
    private volatile String lastError;

    void callSucceeded() {
        lastSuccess = Instant.now();
        lastError = null;
    }

    void callFailed(String error) {
        // SDK messages can run to several sentences; status and health show the gist
        lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) + "..." : error;
    }

    void received(int messages) {
        received.add(messages);
    }

    void fired(int changes) {
        fired.add(changes);
    }

    void deleted(int messages) {
        deleted.add(messages);
    }

    /** Why handling a message failed, for metrics. */
    public enum FailureReason {
        /** The body does not fit the queue's format. */
        INVALID,
        /** The queue's mapper threw. */
        MAPPING,
        /** An observer threw. */
        OBSERVER
    }

    void handlingFailed(FailureReason reason) {
        failed.increment();
        switch (reason) {
            case INVALID -> failedInvalid.increment();
            case MAPPING -> failedMapping.increment();
            default -> failedObserver.increment();
        }
    }

    void duplicateSkipped() {
        duplicates.increment();
    }

    void handledWithoutDuplicateFilter() {
        withoutDuplicateFilter.increment();
    }

    /** @return the messages handled as new because the duplicate filter failed or was unavailable */
    public long withoutDuplicateFilter() {
        return withoutDuplicateFilter.sum();
    }

    void receiveRequest(boolean succeeded) {
        receiveRequests.increment();
        if (!succeeded) {
            receiveErrors.increment();
        }
    }

    void deleteRequest(boolean succeeded) {
        deleteRequests.increment();
        if (!succeeded) {
            deleteErrors.increment();
        }
    }

    void refused() {
        refusals.increment();
    }

    /** @return how many of the queue's batches the worker pool refused to run */
    public long refusals() {
        return refusals.sum();
    }

    void held(int change) {
        heldMessages.addAndGet(change);
    }

    /** @return the messages held while their changes wait in change sets */
    public int heldMessages() {
        return heldMessages.get();
    }

    void stalled() {
        stalls.increment();
        stalledBatches.incrementAndGet();
    }

    void stallEnded() {
        stalledBatches.decrementAndGet();
    }

    /** @return the batches whose observers have run longer than {@code handler-timeout} and are still running */
    public int stalledBatches() {
        return stalledBatches.get();
    }

    /** @return how many batches have outlived {@code handler-timeout} so far */
    public long stalls() {
        return stalls.sum();
    }

    /** @param succeeded whether SQS changed the visibility of every message of the request */
    void visibilityRequest(boolean succeeded) {
        visibilityRequests.increment();
        if (!succeeded) {
            visibilityErrors.increment();
        }
    }

    public void recordTimingsWith(MessageTimingRecorder timings) {
        this.timings = timings;
    }

    MessageTimingRecorder timings() {
        return timings;
    }

    public long failedCount(FailureReason reason) {
        return switch (reason) {
            case INVALID -> failedInvalid.sum();
            case MAPPING -> failedMapping.sum();
            default -> failedObserver.sum();
        };
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long receiveRequests() {
        return receiveRequests.sum();
    }

    public long receiveErrors() {
        return receiveErrors.sum();
    }

    public long deleteRequests() {
        return deleteRequests.sum();
    }

    public long deleteErrors() {
        return deleteErrors.sum();
    }

    /** @return the {@code ChangeMessageVisibilityBatch} requests sent */
    public long visibilityRequests() {
        return visibilityRequests.sum();
    }

    /** @return those of them that failed, or in which SQS refused a message */
    public long visibilityErrors() {
        return visibilityErrors.sum();
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public long received() {
        return received.sum();
    }

    public long fired() {
        return fired.sum();
    }

    public long deleted() {
        return deleted.sum();
    }

    public long failedCount() {
        return failed.sum();
    }
}
