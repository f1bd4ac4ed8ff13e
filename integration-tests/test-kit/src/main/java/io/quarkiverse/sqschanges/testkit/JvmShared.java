package io.quarkiverse.sqschanges.testkit;

import java.util.function.Supplier;

/**
 * Values that every class loader of the JVM sees, kept in the system properties. A Quarkus test class is initialized
 * twice, by JUnit and by the application's class loader, and each copy has its own copy of the kit's classes: what
 * the two share must be made of JDK types only.
 */
final class JvmShared {

    private static final String LOCK = "sqs-changes.testkit.lock";

    private JvmShared() {
    }

    /** @return the value under that key, created on first use (once in the JVM, whatever the class loader) */
    @SuppressWarnings("unchecked")
    static <T> T computeIfAbsent(String key, Supplier<T> create) {
        // a lock of our own: ElasticMQ sets system properties while it starts, on other threads
        synchronized (System.getProperties().computeIfAbsent(LOCK, k -> new Object())) {
            Object value = System.getProperties().get(key);
            if (value == null) {
                value = create.get();
                System.getProperties().put(key, value);
            }
            return (T) value;
        }
    }
}
