package io.quarkiverse.sqschanges.deployment.devservices;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ on 127.0.0.1, with a client to create queues.
 */
final class EmbeddedSqsServer implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient admin;

    private EmbeddedSqsServer(SQSRestServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.admin = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * @param port a fixed port, or 0 for a free one
     */
    static EmbeddedSqsServer start(int port) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // ElasticMQ's actor system reads its reference configuration through the context class loader
        Thread.currentThread().setContextClassLoader(EmbeddedSqsServer.class.getClassLoader());
        try {
            SQSRestServer server = (port == 0
                    ? SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                    : SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port))
                    .withAWSRegion(REGION)
                    .start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedSqsServer(server, "http://127.0.0.1:" + bound);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** Creates the queue and its dead-letter queue, if missing; existing queues are left as they are. */
    void create(DevQueue queue) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        if (queue.visibilityTimeoutSeconds() >= 0) {
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()));
        }
        if (queue.maxReceiveCount() > 0) {
            Map<QueueAttributeName, String> dlqAttributes = new HashMap<>();
            if (queue.fifo()) {
                dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            String dlqUrl = admin.createQueue(b -> b.queueName(queue.deadLetterQueueName()).attributes(dlqAttributes))
                    .queueUrl();
            String dlqArn = admin.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                    + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
        }
        String existing = queueUrl(queue.name());
        if (existing == null) {
            admin.createQueue(b -> b.queueName(queue.name()).attributes(attributes));
        } else if (!attributes.isEmpty()) {
            admin.setQueueAttributes(b -> b.queueUrl(existing).attributes(withoutFifo(attributes)));
        }
    }

    private static Map<QueueAttributeName, String> withoutFifo(Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> copy = new HashMap<>(attributes);
        copy.remove(QueueAttributeName.FIFO_QUEUE);
        return copy;
    }

    private String queueUrl(String name) {
        try {
            return admin.getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException e) {
            return null;
        }
    }

    @Override
    public void close() {
        admin.close();
        server.stopAndWait();
    }
}
