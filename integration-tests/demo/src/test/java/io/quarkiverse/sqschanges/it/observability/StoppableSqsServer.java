package io.quarkiverse.sqschanges.it.observability;

import java.util.Map;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An embedded SQS server with the demo's queues, in place of the Dev Service, that a test can stop and start again on
 * the same port: the test kit's shared server of this name, which both class loaders of a {@code @QuarkusTest} see.
 */
public class StoppableSqsServer implements QuarkusTestResourceLifecycleManager {

    static final String[] QUEUES = { "builds", "models", "commands" };

    static EmbeddedSqs server() {
        return EmbeddedSqs.shared("observability");
    }

    /** Starts the server again with the demo's queues, empty: ElasticMQ keeps nothing across a restart. */
    static void restart() {
        server().restart();
        createQueues();
    }

    @Override
    public Map<String, String> start() {
        createQueues();
        return server().clientConfig();
    }

    @Override
    public void stop() {
        server().stop();
    }

    private static void createQueues() {
        for (String queue : QUEUES) {
            server().createQueue(queue);
        }
    }
}
