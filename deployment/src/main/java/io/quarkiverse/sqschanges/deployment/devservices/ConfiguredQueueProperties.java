package io.quarkiverse.sqschanges.deployment.devservices;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * Reads one property of every configured queue ({@code quarkus.sqs-changes.queues."<queue>".<property>}) from the
 * configuration as the build sees it, by property name.
 * <p>
 * Only the Dev Service needs it: it creates the queues named by {@code queue-name} and {@code url} before the
 * application starts. Those are runtime properties, which a build step cannot read through their mapping; like
 * Quarkus's own Dev Services, it peeks at the values the build sees. A value set only when the application starts is
 * not seen, and its queue not created. Properties that the build itself needs are build time config instead (the
 * {@code client} of a queue, in {@code SqsChangesFixedConfig}).
 */
final class ConfiguredQueueProperties {

    private static final Pattern QUEUE_PROPERTY = Pattern.compile(
            "quarkus\\.sqs-changes\\.queues\\.(\"[^\"]+\"|[^.\"]+)\\.([a-z-]+)");

    private ConfiguredQueueProperties() {
    }

    /**
     * @param property a queue property, such as {@code queue-name}
     * @return the non-blank, trimmed values by queue name (unquoted), sorted by queue name
     */
    static Map<String, String> values(Config config, String property) {
        Map<String, String> values = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = QUEUE_PROPERTY.matcher(name);
            if (matcher.matches() && matcher.group(2).equals(property)) {
                String queue = matcher.group(1).replace("\"", "");
                config.getOptionalValue(name, String.class)
                        .map(String::trim)
                        .filter(value -> !value.isEmpty())
                        .ifPresent(value -> values.put(queue, value));
            }
        }
        return values;
    }
}
