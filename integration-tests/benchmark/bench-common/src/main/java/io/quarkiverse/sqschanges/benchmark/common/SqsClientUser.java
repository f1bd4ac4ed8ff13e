package io.quarkiverse.sqschanges.benchmark.common;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Creates the Quarkus-configured async SQS client ({@code quarkus.sqs.*}) at startup in every benchmarked
 * application: the plain application then pays for an SQS client like the others, and the SmallRye connector
 * uses this client rather than building its own. With {@code bench.list-queues-at-startup=true} it also makes one
 * request ({@code ListQueues}), as an application that uses SQS does, which loads the SDK's request path.
 */
@Startup
@ApplicationScoped
public class SqsClientUser {

    @Inject
    SqsAsyncClient sqs;

    @ConfigProperty(name = "bench.list-queues-at-startup", defaultValue = "false")
    boolean listQueues;

    @PostConstruct
    void createClient() {
        sqs.serviceName();
        if (listQueues) {
            sqs.listQueues().join();
        }
    }
}
