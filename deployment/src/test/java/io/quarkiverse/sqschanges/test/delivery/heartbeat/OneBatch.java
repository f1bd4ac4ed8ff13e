package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Sends messages so that a queue's next receive returns them together: while the queue is paused, delayed (by the
 * queue's {@code DelaySeconds}, which FIFO queues take too) past the end of any receive that was waiting when it was
 * paused, and the queue is resumed once they are all visible.
 * <p>
 * A pause does not abort a long poll already waiting at SQS, which would take the first message sent; and waiting
 * for it to end is a race on a busy machine, where that receive may reach SQS late. A delayed message cannot be taken
 * by it.
 */
public final class OneBatch {

    /** Well over the tests' 1 s {@code wait-time}: a receive that was waiting when the queue paused is over by then. */
    private static final int DELAY_SECONDS = 3;

    private OneBatch() {
    }

    /** @return the message ids {@code sends} returns, in its order */
    public static List<String> send(ChangeSourceControl control, String queue, EmbeddedSqs sqs, String queueUrl,
            Supplier<List<String>> sends) throws InterruptedException {
        control.pause(queue);
        try {
            delay(sqs, queueUrl, DELAY_SECONDS);
            List<String> ids;
            try {
                ids = sends.get();
            } finally {
                delay(sqs, queueUrl, 0); // for the messages sent from now on; those sent keep their delay
            }
            // the delay counts from each send, done by now: all of them are visible when the queue resumes
            Thread.sleep(DELAY_SECONDS * 1000L + 500);
            return ids;
        } finally {
            control.resume(queue);
        }
    }

    private static void delay(EmbeddedSqs sqs, String queueUrl, int seconds) {
        sqs.client().setQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.DELAY_SECONDS, Integer.toString(seconds))));
    }
}
