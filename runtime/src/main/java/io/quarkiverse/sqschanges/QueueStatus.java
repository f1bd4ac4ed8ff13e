package io.quarkiverse.sqschanges;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one queue's polling, as {@link ChangeSourceControl#status(String)} reports it.
 *
 * @param queue the configured queue name
 * @param state what its poller is doing
 * @param lastSuccess when a call to SQS for this queue last succeeded, if ever
 * @param lastError the last failure of a call to SQS, while the queue is {@link QueueState#FAILING failing}
 * @param received messages received
 * @param changesFired changes fired to observers
 * @param deleted messages deleted
 * @param failed messages whose handling failed (invalid, or an observer threw)
 */
public record QueueStatus(String queue, QueueState state, Optional<Instant> lastSuccess, Optional<String> lastError,
        long received, long changesFired, long deleted, long failed) {
}
