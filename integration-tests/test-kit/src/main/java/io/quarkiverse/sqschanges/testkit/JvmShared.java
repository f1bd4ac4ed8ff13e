package io.quarkiverse.sqschanges.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values that every class loader of the JVM sees. A Quarkus test class is initialized twice, by JUnit and by the
 * application's class loader, and each copy has its own copy of the kit's classes: what the two share must be made
 * of JDK types only. They are kept in a map of the copy of {@link Store} that the system class loader loads (the
 * test class path is its class path), not in the system properties: code that copies every system property as a
 * string (Narayana's, which {@code quarkus-agroal} brings) fails on a value that is not one.
 */
final class JvmShared {

    private static final Map<String, Object> VALUES = store();

    private JvmShared() {
    }

    /** @return the value under that key, created on first use (once in the JVM, whatever the class loader) */
    @SuppressWarnings("unchecked")
    static <T> T computeIfAbsent(String key, Supplier<T> create) {
        synchronized (VALUES) {
            Object value = VALUES.get(key);
            if (value == null) {
                value = create.get();
                VALUES.put(key, value);
            }
            return (T) value;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> store() {
        try {
            return (Map<String, Object>) Class.forName(Store.class.getName(), true, ClassLoader.getSystemClassLoader())
                    .getField("VALUES").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // the kit is not on the system class path: this class loader's own copy
            return Store.VALUES;
        }
    }

    /** The one map, in the system class loader's copy of this class. */
    public static final class Store {

        public static final Map<String, Object> VALUES = new HashMap<>();

        private Store() {
        }
    }
}
