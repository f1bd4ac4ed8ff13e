package io.quarkiverse.sqschanges.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what arrives, in order, and throws on the first arrival only: an observer that fails its first delivery
 * and handles the next ones.
 *
 * @param <T> what arrives, such as a change
 */
public final class FirstArrivalFails<T> {

    private final List<T> arrived = new CopyOnWriteArrayList<>();

    /** Records {@code item}; throws an {@link IllegalStateException} when it is the first arrival. */
    public void arrive(T item) {
        arrived.add(item);
        if (arrived.size() == 1) {
            throw new IllegalStateException("the first delivery fails");
        }
    }

    /** @return what arrived so far, in order */
    public List<T> arrived() {
        return List.copyOf(arrived);
    }
}
