package io.quarkiverse.sqschanges.deployment;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jboss.jandex.DotName;

import io.quarkiverse.amazon.common.deployment.RequireAmazonClientInjectionBuildItem;
import io.quarkiverse.amazon.common.runtime.ClientUtil;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesFixedConfig;
import io.quarkiverse.sqschanges.runtime.config.SqsChangesFixedConfig.QueueFixedConfig;
import io.quarkiverse.sqschanges.runtime.config.SqsClientPoolConfigBuilder;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Asks the Amazon SQS extension for the async clients the pollers use: the default one, and each named client
 * that a queue's {@code client} property names; and sizes their connection pool for the receive loops.
 */
class SqsClientProcessor {

    private static final DotName SQS_ASYNC_CLIENT = DotName.createSimple(SqsAsyncClient.class);

    @BuildStep
    void requireClients(SqsChangesFixedConfig config, BuildProducer<RequireAmazonClientInjectionBuildItem> clients) {
        clients.produce(new RequireAmazonClientInjectionBuildItem(SQS_ASYNC_CLIENT, ClientUtil.DEFAULT_CLIENT_NAME));
        for (String name : namedClients(config)) {
            clients.produce(new RequireAmazonClientInjectionBuildItem(SQS_ASYNC_CLIENT, name));
        }
    }

    /**
     * The pool size is runtime configuration computed from runtime configuration, read before the client is created:
     * a config source of the runtime configuration, which the build cannot know.
     */
    @BuildStep
    RunTimeConfigBuilderBuildItem sizeClientPool() {
        return new RunTimeConfigBuilderBuildItem(SqsClientPoolConfigBuilder.class);
    }

    /** @return the client names the queues give, trimmed, sorted; a blank one fails startup, naming the property */
    static Set<String> namedClients(SqsChangesFixedConfig config) {
        return config.queues().values().stream()
                .map(QueueFixedConfig::client)
                .flatMap(Optional::stream)
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
