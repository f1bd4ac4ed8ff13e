package io.quarkiverse.sqschanges.deployment;

import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.DotName;

import io.quarkiverse.amazon.common.deployment.RequireAmazonClientInjectionBuildItem;
import io.quarkiverse.amazon.common.runtime.ClientUtil;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Asks the Amazon SQS extension for the async clients the pollers use: the default one, and each named client
 * that a queue's {@code client} property names.
 */
class SqsClientProcessor {

    private static final DotName SQS_ASYNC_CLIENT = DotName.createSimple(SqsAsyncClient.class);

    @BuildStep
    void requireClients(BuildProducer<RequireAmazonClientInjectionBuildItem> clients) {
        clients.produce(new RequireAmazonClientInjectionBuildItem(SQS_ASYNC_CLIENT, ClientUtil.DEFAULT_CLIENT_NAME));
        for (String name : namedClients(ConfigProvider.getConfig())) {
            clients.produce(new RequireAmazonClientInjectionBuildItem(SQS_ASYNC_CLIENT, name));
        }
    }

    /** The client names are runtime values, but the client beans must be known at build time; read them now. */
    static Set<String> namedClients(Config config) {
        return new TreeSet<>(ConfiguredQueueProperties.values(config, "client").values());
    }
}
