package io.quarkiverse.sqschanges.deployment.devservices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Level;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.runtime.config.SqsLimits;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.CuratedApplicationShutdownBuildItem;
import io.quarkus.deployment.builditem.LogCategoryBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Starts an SQS-compatible server inside the JVM in dev and test mode, creates the configured queues on it, and
 * points the SQS clients at it. The server outlives dev-mode restarts (queues are added as the configuration
 * changes) and stops with the application.
 */
@BuildSteps(onlyIfNot = IsNormal.class, onlyIf = DevServicesConfig.Enabled.class)
class SqsChangesDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(SqsChangesDevServicesProcessor.class);
    private static final String ENDPOINT = "quarkus.sqs.endpoint-override";
    private static final String REGION = "quarkus.sqs.aws.region";
    private static final String CREDENTIALS_TYPE = "quarkus.sqs.aws.credentials.type";

    private static final Duration MAX_VISIBILITY = Duration.ofSeconds(SqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS);

    private static volatile EmbeddedSqsServer running;
    private static volatile int runningPort;

    /**
     * The client settings are handed over as runtime defaults rather than as a {@code DevServicesResultBuildItem}:
     * in dev mode Quarkus probes for a container runtime for every such item, and without Docker that probe logs
     * errors about a container this service does not have.
     */
    @BuildStep
    void startEmbeddedSqs(SqsChangesDevServicesConfig devServices, CuratedApplicationShutdownBuildItem shutdown,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> clientConfig) {
        Config config = ConfigProvider.getConfig();
        Optional<String> endpoint = config.getOptionalValue(ENDPOINT, String.class).filter(e -> !e.isBlank());
        if (!devServices.enabled()) {
            LOG.debug("Dev Services for SQS Changes are disabled (quarkus.sqs-changes.devservices.enabled=false)");
            stop();
            return;
        }
        if (endpoint.isPresent() && (running == null || !endpoint.get().equals(running.endpoint()))) {
            LOG.debugf("Dev Services for SQS Changes not started: %s is set", ENDPOINT);
            stop();
            return;
        }

        checkValues(devServices);
        int port = devServices.port().orElse(0);
        if (running != null && runningPort != port) {
            stop();
        }
        if (running == null) {
            running = EmbeddedSqsServer.start(port);
            runningPort = port;
            shutdown.addCloseTask(SqsChangesDevServicesProcessor::stop, true);
            LOG.infof("Dev Services for SQS Changes started an embedded SQS server (ElasticMQ) on %s",
                    running.endpoint());
        }
        List<String> queues = queueNames(config, devServices);
        for (String name : queues) {
            running.create(new DevQueue(name, devServices.maxReceiveCount().orElse(0),
                    devServices.visibilityTimeout().map(t -> (int) t.toSeconds()).orElse(-1)));
        }
        LOG.debugf("Dev Services for SQS Changes: queues %s", queues);

        clientConfig(config, running.endpoint())
                .forEach((key, value) -> clientConfig.produce(new RunTimeConfigurationDefaultBuildItem(key, value)));
    }

    /** SQS's own ranges: ElasticMQ would accept values that AWS refuses, or cut a fraction of a second silently. */
    private static void checkValues(SqsChangesDevServicesConfig devServices) {
        List<String> problems = new ArrayList<>();
        devServices.maxReceiveCount().ifPresent(count -> {
            if (count < SqsLimits.MIN_MAX_RECEIVE_COUNT || count > SqsLimits.MAX_MAX_RECEIVE_COUNT) {
                problems.add("quarkus.sqs-changes.devservices.max-receive-count is " + count + "; allowed values are "
                        + SqsLimits.MIN_MAX_RECEIVE_COUNT + " to " + SqsLimits.MAX_MAX_RECEIVE_COUNT
                        + " (remove it for queues without a dead-letter queue)");
            }
        });
        devServices.visibilityTimeout().ifPresent(timeout -> {
            if (timeout.getSeconds() < SqsLimits.MIN_VISIBILITY_TIMEOUT_SECONDS || timeout.getNano() != 0
                    || timeout.compareTo(MAX_VISIBILITY) > 0) {
                problems.add("quarkus.sqs-changes.devservices.visibility-timeout is " + timeout + "; allowed values are"
                        + " whole seconds from " + SqsLimits.MIN_VISIBILITY_TIMEOUT_SECONDS + "s to "
                        + MAX_VISIBILITY.toHours() + "h (0s, which SQS accepts, would let a message be handled twice at"
                        + " once)");
            }
        });
        devServices.port().ifPresent(port -> {
            if (port < 1 || port > 65535) {
                problems.add("quarkus.sqs-changes.devservices.port is " + port + "; allowed values are 1 to 65535"
                        + " (remove it for a free port)");
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid Dev Services for SQS Changes configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** ElasticMQ logs every queue it creates at INFO; the Dev Service logs what matters itself. */
    @BuildStep
    void quietEmbeddedServer(BuildProducer<LogCategoryBuildItem> categories) {
        categories.produce(new LogCategoryBuildItem("org.elasticmq", Level.WARNING));
        categories.produce(new LogCategoryBuildItem("org.apache.pekko", Level.WARNING));
    }

    private static List<String> queueNames(Config config, SqsChangesDevServicesConfig devServices) {
        TreeSet<String> names = new TreeSet<>(ConfiguredQueues.names(config));
        devServices.additionalQueues().ifPresent(names::addAll);
        return List.copyOf(names);
    }

    /** The endpoint, and a region and test credentials unless the application sets its own. */
    private static Map<String, String> clientConfig(Config config, String endpoint) {
        Map<String, String> clientConfig = new LinkedHashMap<>();
        clientConfig.put(ENDPOINT, endpoint);
        if (config.getOptionalValue(REGION, String.class).isEmpty()) {
            clientConfig.put(REGION, EmbeddedSqsServer.REGION);
        }
        if (config.getOptionalValue(CREDENTIALS_TYPE, String.class).isEmpty()) {
            clientConfig.put(CREDENTIALS_TYPE, "static");
            clientConfig.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", EmbeddedSqsServer.ACCESS_KEY);
            clientConfig.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key",
                    EmbeddedSqsServer.SECRET_KEY);
        }
        return clientConfig;
    }

    private static synchronized void stop() {
        EmbeddedSqsServer server = running;
        running = null;
        if (server != null) {
            server.close();
            LOG.debug("Dev Services for SQS Changes stopped the embedded SQS server");
        }
    }
}
