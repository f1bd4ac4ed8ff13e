package io.quarkiverse.sqschanges.deployment;

import static io.quarkiverse.sqschanges.deployment.SqsChangesDotNames.CHANGE_MAPPER;
import static io.quarkiverse.sqschanges.deployment.SqsChangesDotNames.MAPPED_MESSAGE;
import static io.quarkiverse.sqschanges.deployment.SqsChangesDotNames.MESSAGE_MAPPER;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.sqschanges.runtime.MapperBindings;
import io.quarkiverse.sqschanges.runtime.MapperBindingsRecorder;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.BeanDefiningAnnotationBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;

/**
 * Finds the {@code @ChangeMapper} beans, checks their bindings, and hands the binding table to the runtime.
 */
class ChangeMapperProcessor {

    /** A class with only {@code @ChangeMapper} becomes a {@code @Singleton} bean; a declared scope wins. */
    @BuildStep
    BeanDefiningAnnotationBuildItem mapperIsBeanDefining() {
        return new BeanDefiningAnnotationBuildItem(CHANGE_MAPPER, BuiltinScope.SINGLETON.getName());
    }

    /** Mappers are looked up by class at runtime, never injected: keep them. */
    @BuildStep
    UnremovableBeanBuildItem mappersAreUnremovable() {
        return UnremovableBeanBuildItem.beanClassAnnotation(CHANGE_MAPPER);
    }

    @BuildStep
    void collectMappers(BeanArchiveIndexBuildItem beanArchive, BuildProducer<ChangeMapperBuildItem> mappers) {
        for (AnnotationInstance annotation : beanArchive.getIndex().getAnnotations(CHANGE_MAPPER)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            String[] queues = annotation.value() == null ? new String[0] : annotation.value().asStringArray();
            mappers.produce(new ChangeMapperBuildItem(annotation.target().asClass(), Arrays.asList(queues)));
        }
    }

    @BuildStep
    void validateMappers(List<ChangeMapperBuildItem> mappers, BeanArchiveIndexBuildItem beanArchive,
            ValidationPhaseBuildItem validationPhase, BuildProducer<ValidationErrorBuildItem> errors) {
        List<Throwable> problems = new ArrayList<>();
        IndexView index = beanArchive.getIndex();
        Set<DotName> implementors = index.getAllKnownImplementations(MESSAGE_MAPPER).stream()
                .map(ClassInfo::name).collect(Collectors.toSet());
        Map<String, List<String>> classesByQueue = new TreeMap<>();
        for (ChangeMapperBuildItem mapper : sorted(mappers)) {
            ClassInfo mapperClass = mapper.mapperClass();
            if (!implementors.contains(mapperClass.name())) {
                problems.add(problem("@ChangeMapper on " + mapper.className() + " is on a class that does not"
                        + " implement " + MESSAGE_MAPPER + "; implement it, or remove the annotation"));
            } else if (Modifier.isAbstract(mapperClass.flags()) || mapperClass.isInterface()) {
                problems.add(problem("@ChangeMapper on " + mapper.className() + " is on an abstract type; put it on"
                        + " a concrete class that can be instantiated"));
            } else if (!overridesMapping(mapperClass, index)) {
                problems.add(problem("@ChangeMapper on " + mapper.className() + " binds a mapper that overrides"
                        + " neither properties(MappedMessage) nor map(MappedMessage); override one of them"));
            }
            if (mapper.queues().isEmpty()) {
                problems.add(problem("@ChangeMapper on " + mapper.className() + " names no queue; name at least one"
                        + " configured queue, e.g. @ChangeMapper(\"orders\")"));
            }
            for (String queue : mapper.queues()) {
                if (queue == null || queue.isBlank()) {
                    problems.add(problem("@ChangeMapper on " + mapper.className() + " names an empty or blank queue;"
                            + " use the queue's name as configured under quarkus.sqs-changes.queues"));
                } else {
                    classesByQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(mapper.className());
                }
            }
        }
        classesByQueue.forEach((queue, classes) -> {
            List<String> distinct = classes.stream().distinct().sorted().toList();
            if (distinct.size() > 1) {
                problems.add(problem("Queue '" + queue + "' is bound to several mappers: " + distinct
                        + "; a queue has one @ChangeMapper, so remove \"" + queue + "\" from all but one of them"));
            }
        });
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems));
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem recordBindings(List<ChangeMapperBuildItem> mappers, MapperBindingsRecorder recorder) {
        Map<String, String> mapperClassByQueue = new LinkedHashMap<>();
        for (ChangeMapperBuildItem mapper : sorted(mappers)) {
            for (String queue : mapper.queues()) {
                if (queue != null && !queue.isBlank()) {
                    mapperClassByQueue.putIfAbsent(queue, mapper.className());
                }
            }
        }
        Map<String, String> sortedByQueue = new LinkedHashMap<>(new TreeMap<>(mapperClassByQueue));
        return SyntheticBeanBuildItem.configure(MapperBindings.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.bindings(sortedByQueue))
                .done();
    }

    private static List<ChangeMapperBuildItem> sorted(List<ChangeMapperBuildItem> mappers) {
        return mappers.stream().sorted(Comparator.comparing(ChangeMapperBuildItem::className)).toList();
    }

    /** Whether the class or a superclass in the index declares properties(MappedMessage) or map(MappedMessage). */
    private static boolean overridesMapping(ClassInfo mapperClass, IndexView index) {
        ClassInfo current = mapperClass;
        while (current != null) {
            for (MethodInfo method : current.methods()) {
                if ((method.name().equals("properties") || method.name().equals("map")) && method.parametersCount() == 1
                        && method.parameterType(0).name().equals(MAPPED_MESSAGE) && !Modifier.isAbstract(method.flags())) {
                    return true;
                }
            }
            DotName superName = current.superName();
            if (superName == null || superName.equals(DotName.OBJECT_NAME)) {
                return false;
            }
            current = index.getClassByName(superName);
            if (current == null) {
                return true; // outside the index: cannot tell, so do not fail the build
            }
        }
        return false;
    }

    private static Throwable problem(String message) {
        return new IllegalStateException(message);
    }
}
