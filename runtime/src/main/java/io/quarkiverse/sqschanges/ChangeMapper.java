package io.quarkiverse.sqschanges;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Makes a {@link MessageMapper} the mapper of one or more queues: their messages become changes through it
 * instead of through the queue's {@code format} alone.
 * <p>
 * The annotated class becomes a CDI bean ({@code @Singleton} unless it declares a scope) and is never removed as
 * unused. Each queue has at most one mapper. Mistakes in the binding fail the build (or startup, for queue names,
 * which are runtime configuration) with a message naming the class, the queue and the fix.
 *
 * <pre>
 * &#64;ChangeMapper("commands")
 * public class KeyValueLineMapper implements MessageMapper {
 *     &#64;Override
 *     public Map&lt;String, Object&gt; properties(MappedMessage message) {
 *         String[] words = message.body().trim().split("\\s+", 2); // "action build" gives action=build
 *         return Map.of(words[0], words.length &gt; 1 ? words[1] : "");
 *     }
 * }
 * </pre>
 *
 * The guide's mapper of the same kind also skips comment lines and rejects malformed ones.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
public @interface ChangeMapper {

    /**
     * @return the names of the queues, as configured under {@code quarkus.sqs-changes.queues."<name>"}
     */
    String[] value();
}
