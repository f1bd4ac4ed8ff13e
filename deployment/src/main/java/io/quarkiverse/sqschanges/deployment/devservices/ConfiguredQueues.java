package io.quarkiverse.sqschanges.deployment.devservices;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * Reads the names of the SQS queues that the application's configuration refers to.
 */
final class ConfiguredQueues {

    private static final Pattern QUEUE_PROPERTY = Pattern.compile(
            "quarkus\\.sqs-changes\\.queues\\.(\"[^\"]+\"|[^.\"]+)\\.(url|queue-name)");

    private ConfiguredQueues() {
    }

    /** @return the SQS queue names, sorted: each {@code queue-name}, and the last path segment of each {@code url} */
    static List<String> names(Config config) {
        TreeSet<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            Matcher matcher = QUEUE_PROPERTY.matcher(property);
            if (!matcher.matches()) {
                continue;
            }
            Optional<String> value = config.getOptionalValue(property, String.class).map(String::trim);
            value.filter(v -> !v.isEmpty())
                    .map(v -> matcher.group(2).equals("url") ? lastPathSegment(v) : v)
                    .filter(v -> !v.isEmpty())
                    .ifPresent(names::add);
        }
        return new ArrayList<>(names);
    }

    private static String lastPathSegment(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            path = url;
        }
        if (path == null) {
            return "";
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
