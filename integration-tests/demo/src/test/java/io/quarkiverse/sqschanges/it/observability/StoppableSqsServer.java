package io.quarkiverse.sqschanges.it.observability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An ElasticMQ server that a test can stop and start again on the same port, in place of the Dev Service. The
 * test reaches it through the system properties {@value #STOP} and {@value #START} (each a {@link Runnable}), which
 * both class loaders of a {@code @QuarkusTest} see.
 */
public class StoppableSqsServer implements QuarkusTestResourceLifecycleManager {

    static final String STOP = "sqs-changes.test.stop-sqs";
    static final String START = "sqs-changes.test.start-sqs";
    static final String ENDPOINT = "sqs-changes.test.sqs-endpoint";
    static final String[] QUEUES = { "builds", "models", "commands" };

    private int port;
    private volatile SQSRestServer server;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startServer();
        String endpoint = "http://127.0.0.1:" + port;
        System.getProperties().put(STOP, (Runnable) this::stopServer);
        System.getProperties().put(START, (Runnable) this::startServer);
        System.setProperty(ENDPOINT, endpoint);
        return Map.of("quarkus.sqs.endpoint-override", endpoint,
                "quarkus.sqs.aws.region", "us-east-1",
                "quarkus.sqs.aws.credentials.type", "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test");
    }

    @Override
    public void stop() {
        stopServer();
        System.getProperties().remove(STOP);
        System.getProperties().remove(START);
    }

    static SqsClient client(String endpoint) {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Starts the server with the demo's queues, empty: ElasticMQ keeps nothing across a restart. */
    private synchronized void startServer() {
        if (server == null) {
            server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
            server.waitUntilStarted();
            try (SqsClient sqs = client("http://127.0.0.1:" + port)) {
                for (String queue : QUEUES) {
                    sqs.createQueue(b -> b.queueName(queue));
                }
            }
        }
    }

    private synchronized void stopServer() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
