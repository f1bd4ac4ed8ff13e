package io.quarkiverse.sqschanges.deployment.devservices;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;

/**
 * Reads the names of the SQS queues that the application's configuration refers to.
 */
final class ConfiguredQueues {

    private ConfiguredQueues() {
    }

    /** @return the SQS queue names, sorted: each {@code queue-name}, and the last path segment of each {@code url} */
    static List<String> names(Config config) {
        TreeSet<String> names = new TreeSet<>(ConfiguredQueueProperties.values(config, "queue-name").values());
        for (String url : ConfiguredQueueProperties.values(config, "url").values()) {
            String name = lastPathSegment(url);
            if (!name.isEmpty()) {
                names.add(name);
            }
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
