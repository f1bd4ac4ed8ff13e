package io.quarkiverse.sqschanges.test.delivery.heartbeat;

import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.sqschanges.ChangeSourceControl;

/**
 * Sends messages so that a queue's next receive returns them together: while the queue is paused and no receive is
 * waiting any more.
 */
public final class OneBatch {

    /** Well over the tests' 1 s {@code wait-time}: a receive that was waiting has returned by then. */
    private static final long NO_RECEIVE_WAITING_MILLIS = 2500;

    private OneBatch() {
    }

    /** @return the message ids {@code sends} returns, in its order */
    public static List<String> send(ChangeSourceControl control, String queue, Supplier<List<String>> sends)
            throws InterruptedException {
        control.pause(queue);
        Thread.sleep(NO_RECEIVE_WAITING_MILLIS);
        try {
            return sends.get();
        } finally {
            control.resume(queue);
        }
    }
}
