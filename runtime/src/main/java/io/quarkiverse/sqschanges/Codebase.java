package io.quarkiverse.sqschanges;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Selects the {@link Change} events of one codebase.
 * <p>
 * Every change is fired with this qualifier set to its {@link Change#codebase() codebase}, so
 * {@code void on(@Observes @Codebase("models") Change change)} sees only the changes of codebase {@code models},
 * while an observer of {@code Change} without a qualifier sees them all.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ PARAMETER, FIELD, METHOD, TYPE })
public @interface Codebase {

    /**
     * @return the codebase name, as configured with {@code quarkus.sqs-changes.queues."<name>".codebase}
     */
    String value();

    /**
     * Creates {@link Codebase} instances, e.g. for {@code Event.select(Codebase.Literal.of("models"))}.
     */
    final class Literal extends AnnotationLiteral<Codebase> implements Codebase {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * @param codebase the codebase name
         * @return a qualifier instance for that codebase
         */
        public static Literal of(String codebase) {
            return new Literal(codebase);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
