package io.quarkiverse.sqschanges.benchmark.runner;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The runner's queue-admin client (async, Netty HTTP client), and the region and credentials every client uses. */
final class SqsClients {

    /** The region and credentials every client uses; ElasticMQ accepts any. */
    static final String REGION = "us-east-1";
    static final String KEY = "bench";

    private SqsClients() {
    }

    static SqsAsyncClient create(String endpoint) {
        return SqsAsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }
}
