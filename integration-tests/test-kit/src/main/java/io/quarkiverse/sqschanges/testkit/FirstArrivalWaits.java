package io.quarkiverse.sqschanges.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records what arrives, in order; the first arrival waits until the test calls {@link #release()} (30 s at most), so
 * a test can keep one message's observer busy while copies of it or other messages come in.
 */
public final class FirstArrivalWaits {

    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** Records {@code id}; waits until released when it is the first arrival. */
    public void arrive(String id) throws InterruptedException {
        arrived.add(id);
        if (arrived.size() == 1) {
            release.await(30, TimeUnit.SECONDS);
        }
    }

    /** @return what arrived so far, in order */
    public List<String> arrived() {
        return List.copyOf(arrived);
    }

    /** Lets the first arrival go on. */
    public void release() {
        release.countDown();
    }
}
