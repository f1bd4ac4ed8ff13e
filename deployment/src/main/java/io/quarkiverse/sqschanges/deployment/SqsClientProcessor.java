package io.quarkiverse.sqschanges.deployment;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern CLIENT_PROPERTY = Pattern.compile(
            "quarkus\\.sqs-changes\\.queues\\.(\"[^\"]+\"|[^.\"]+)\\.client");

    @BuildStep
    void requireClients(BuildProducer<RequireAmazonClientInjectionBuildItem> clients) {
        clients.produce(new RequireAmazonClientInjectionBuildItem(SQS_ASYNC_CLIENT, ClientUtil.DEFAULT_CLIENT_NAME));
        for (String name : namedClients(ConfigProvider.getConfig())) {
            clients.produce(new RequireAmazonClientInjectionBuildItem(SQS_ASYNC_CLIENT, name));
        }
    }

    /** The client names are runtime values, but the client beans must be known at build time; read them now. */
    static Set<String> namedClients(Config config) {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            Matcher matcher = CLIENT_PROPERTY.matcher(property);
            if (matcher.matches()) {
                config.getOptionalValue(property, String.class)
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .ifPresent(names::add);
            }
        }
        return names;
    }
}
