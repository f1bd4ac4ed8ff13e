package io.quarkiverse.sqschanges.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients of a local SQS server, and the Quarkus configuration that points an application's SQS client at one:
 * the same region and static credentials everywhere (ElasticMQ accepts any).
 */
public final class SqsClients {

    public static final String REGION = "us-east-1";
    /** The access key id and the secret key. */
    public static final String KEY = "test";

    private SqsClients() {
    }

    /** @return a synchronous client (URL connection HTTP client) of the server at that endpoint */
    public static SqsClient sync(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** @return an asynchronous client (Netty HTTP client) of the server at that endpoint */
    public static SqsAsyncClient async(String endpoint) {
        return SqsAsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    /** @return the {@code quarkus.sqs.*} properties that point the default SQS client at that endpoint */
    public static Map<String, String> config(String endpoint) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.sqs.endpoint-override", endpoint);
        config.putAll(regionAndCredentials());
        return config;
    }

    /** @return the {@code quarkus.sqs.*} properties of the region and credentials alone, without an endpoint */
    public static Map<String, String> regionAndCredentials() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.sqs.aws.region", REGION);
        config.put("quarkus.sqs.aws.credentials.type", "static");
        config.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", KEY);
        config.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key", KEY);
        return config;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY));
    }
}
