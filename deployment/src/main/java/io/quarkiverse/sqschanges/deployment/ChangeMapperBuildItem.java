package io.quarkiverse.sqschanges.deployment;

import java.util.List;

import org.jboss.jandex.ClassInfo;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * A class annotated with {@code @ChangeMapper}, and the queue names the annotation gives, as written.
 */
public final class ChangeMapperBuildItem extends MultiBuildItem {

    private final ClassInfo mapperClass;
    private final List<String> queues;

    public ChangeMapperBuildItem(ClassInfo mapperClass, List<String> queues) {
        this.mapperClass = mapperClass;
        this.queues = List.copyOf(queues);
    }

    public ClassInfo mapperClass() {
        return mapperClass;
    }

    public String className() {
        return mapperClass.name().toString();
    }

    public List<String> queues() {
        return queues;
    }
}
