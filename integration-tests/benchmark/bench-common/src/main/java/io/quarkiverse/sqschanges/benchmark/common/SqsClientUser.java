package io.quarkiverse.sqschanges.benchmark.common;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Creates the Quarkus-configured async SQS client ({@code quarkus.sqs.*}) at startup in every benchmarked
 * application: the plain application then pays for an SQS client like the others, and the SmallRye connector
 * uses this client rather than building its own.
 */
@Startup
@ApplicationScoped
public class SqsClientUser {

    @Inject
    SqsAsyncClient sqs;

    @PostConstruct
    void createClient() {
        sqs.serviceName();
    }
}
