package io.quarkiverse.sqschanges.runtime;

import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/**
 * Hands the mapper bindings found at build time to the runtime.
 */
@Recorder
public class MapperBindingsRecorder {

    /**
     * @param mapperClassByQueue mapper class names by queue name, sorted by queue name
     * @return the bindings bean
     */
    public Supplier<MapperBindings> bindings(Map<String, String> mapperClassByQueue) {
        return () -> new MapperBindings(mapperClassByQueue);
    }
}
