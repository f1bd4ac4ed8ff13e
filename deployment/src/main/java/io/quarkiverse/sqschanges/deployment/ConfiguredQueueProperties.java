package io.quarkiverse.sqschanges.deployment;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * Reads one property of every configured queue ({@code quarkus.sqs-changes.queues."<queue>".<property>}) at build
 * time, for the build steps that need runtime values early: the SQS clients to create, the Dev Service's queues.
 */
public final class ConfiguredQueueProperties {

    private static final Pattern QUEUE_PROPERTY = Pattern.compile(
            "quarkus\\.sqs-changes\\.queues\\.(\"[^\"]+\"|[^.\"]+)\\.([a-z-]+)");

    private ConfiguredQueueProperties() {
    }

    /**
     * @param property a queue property, such as {@code client}
     * @return the non-blank, trimmed values by queue name (unquoted), sorted by queue name
     */
    public static Map<String, String> values(Config config, String property) {
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
