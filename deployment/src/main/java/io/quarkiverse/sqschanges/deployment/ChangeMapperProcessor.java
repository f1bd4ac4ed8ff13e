package io.quarkiverse.sqschanges.deployment;

import static io.quarkiverse.sqschanges.deployment.SqsChangesDotNames.CHANGE_MAPPER;
import static io.quarkiverse.sqschanges.deployment.SqsChangesDotNames.MAPPED_MESSAGE;
import static io.quarkiverse.sqschanges.deployment.SqsChangesDotNames.MESSAGE_MAPPER;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
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
        Set<DotName> implementors = new HashSet<>();
        index.getAllKnownImplementations(MESSAGE_MAPPER).forEach(c -> implementors.add(c.name()));
        index.getAllKnownSubinterfaces(MESSAGE_MAPPER).forEach(i -> implementors.add(i.name()));
        Map<String, List<ChangeMapperBuildItem>> mappersByQueue = new TreeMap<>();
        for (ChangeMapperBuildItem mapper : sorted(mappers)) {
            ClassInfo mapperClass = mapper.mapperClass();
            String annotated = annotationText(mapper) + " on " + mapper.className();
            if (!implementors.contains(mapperClass.name())) {
                problems.add(problem(annotated + " does not implement " + MESSAGE_MAPPER
                        + "; implement it or remove the annotation"));
            } else if (Modifier.isAbstract(mapperClass.flags()) || mapperClass.isInterface()) {
                problems.add(problem(annotated + " is an abstract type, which cannot be instantiated; put the"
                        + " annotation on a concrete class"));
            } else if (!overridesMapping(mapperClass, index)) {
                problems.add(problem(annotated + " overrides neither properties(MappedMessage) nor"
                        + " map(MappedMessage) of " + MESSAGE_MAPPER + "; override one of them"));
            }
            if (mapper.queues().isEmpty()) {
                problems.add(problem(annotated + " names no queue; name a queue configured under"
                        + " quarkus.sqs-changes.queues, e.g. @ChangeMapper(\"orders\")"));
            }
            if (mapper.queues().stream().anyMatch(String::isBlank)) {
                problems.add(problem(annotated + " names a blank queue; name a queue configured under"
                        + " quarkus.sqs-changes.queues"));
            }
            for (String queue : mapper.queues()) {
                if (!queue.isBlank()) {
                    List<ChangeMapperBuildItem> bound = mappersByQueue.computeIfAbsent(queue, q -> new ArrayList<>());
                    if (!bound.contains(mapper)) {
                        bound.add(mapper);
                    }
                }
            }
        }
        mappersByQueue.forEach((queue, bound) -> {
            if (bound.size() > 1) {
                String annotatedClasses = bound.stream().map(m -> annotationText(m) + " on " + m.className())
                        .collect(Collectors.joining(" and "));
                problems.add(problem(annotatedClasses + " bind the same queue " + quoted(queue)
                        + "; a queue has one mapper, so remove " + quoted(queue) + " from all but one of them"));
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

    /** The annotation as written, such as {@code @ChangeMapper({"eu", "us"})}. */
    private static String annotationText(ChangeMapperBuildItem mapper) {
        List<String> queues = mapper.queues().stream().map(ChangeMapperProcessor::quoted).toList();
        return "@ChangeMapper(" + (queues.size() == 1 ? queues.get(0) : "{" + String.join(", ", queues) + "}") + ")";
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Whether the class, a superclass or an interface they extend (other than {@code MessageMapper}) has a
     * non-abstract properties(MappedMessage) or map(MappedMessage), such as a default method of a sub-interface.
     */
    private static boolean overridesMapping(ClassInfo mapperClass, IndexView index) {
        Deque<DotName> interfaces = new ArrayDeque<>();
        ClassInfo current = mapperClass;
        while (current != null) {
            if (declaresMapping(current)) {
                return true;
            }
            interfaces.addAll(current.interfaceNames());
            DotName superName = current.superName();
            if (superName == null || superName.equals(DotName.OBJECT_NAME)) {
                break;
            }
            current = index.getClassByName(superName);
            if (current == null) {
                return true; // outside the index: cannot tell, so do not fail the build
            }
        }
        // an interface outside the index cannot lead to MessageMapper: the class would not be a known implementor
        Set<DotName> seen = new HashSet<>();
        while (!interfaces.isEmpty()) {
            DotName name = interfaces.pop();
            ClassInfo anInterface = index.getClassByName(name);
            if (name.equals(MESSAGE_MAPPER) || !seen.add(name) || anInterface == null) {
                continue;
            }
            if (declaresMapping(anInterface)) {
                return true;
            }
            interfaces.addAll(anInterface.interfaceNames());
        }
        return false;
    }

    private static boolean declaresMapping(ClassInfo type) {
        for (MethodInfo method : type.methods()) {
            if ((method.name().equals("properties") || method.name().equals("map")) && method.parametersCount() == 1
                    && method.parameterType(0).name().equals(MAPPED_MESSAGE) && !Modifier.isAbstract(method.flags())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable problem(String message) {
        return new IllegalStateException(message);
    }
}
