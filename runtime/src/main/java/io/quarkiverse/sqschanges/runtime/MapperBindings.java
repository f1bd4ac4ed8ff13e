package io.quarkiverse.sqschanges.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.Any;

import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.runtime.config.ConfigNames;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * The {@code @ChangeMapper} bindings found at build time: which mapper class serves which queue.
 */
public final class MapperBindings {

    private final Map<String, String> mapperClassByQueue;

    /**
     * @param mapperClassByQueue mapper class names by queue name, in the order to report them
     */
    public MapperBindings(Map<String, String> mapperClassByQueue) {
        this.mapperClassByQueue = Collections.unmodifiableMap(new LinkedHashMap<>(mapperClassByQueue));
    }

    /** @return mapper class names by queue name */
    public Map<String, String> mapperClassByQueue() {
        return mapperClassByQueue;
    }

    /**
     * @param configuredQueues the names under {@code quarkus.sqs-changes.queues}
     * @return a message for each binding that names a queue that is not configured
     */
    List<String> problems(Set<String> configuredQueues) {
        List<String> problems = new ArrayList<>();
        mapperClassByQueue.forEach((queue, mapperClass) -> {
            if (!configuredQueues.contains(queue)) {
                problems.add("@ChangeMapper(\"" + queue + "\") on " + mapperClass + " names no configured queue;"
                        + " known queues: " + configuredQueues + ". Configure "
                        + ConfigNames.queueProperty(queue, "url") + " or fix the name.");
            }
        });
        return problems;
    }

    /**
     * Looks the mapper bean up among the {@link MessageMapper} beans by its class name: no reflection, so that it
     * works the same in a native image.
     *
     * @return the mapper bean bound to the queue, if any
     */
    Optional<MessageMapper> mapperFor(String queue) {
        String className = mapperClassByQueue.get(queue);
        if (className == null) {
            return Optional.empty();
        }
        for (InstanceHandle<MessageMapper> handle : Arc.container().select(MessageMapper.class, Any.Literal.INSTANCE)
                .handles()) {
            if (handle.getBean().getBeanClass().getName().equals(className)) {
                return Optional.of(handle.get());
            }
        }
        throw new IllegalStateException("The mapper " + className + " of queue '" + queue + "' is not a bean");
    }
}
