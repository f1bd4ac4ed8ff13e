package io.quarkiverse.sqschanges.test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An ElasticMQ server in this JVM with a plain SDK client to send messages and to look at what is left on a queue:
 * either the extension's Dev Service ({@link #devService()}, for tests that only need a queue), or a server that
 * the test starts itself ({@link #shared()}, for tests that must stop it, route it through a proxy, give a queue
 * its own attributes, or look at a queue after the application has stopped).
 * <p>
 * A Quarkus test class is initialized twice, by JUnit and by the application's class loader; the endpoint of the
 * hand-started server is kept in a system property so that both see the one server, and queue names are fixed so
 * that both see one queue.
 */
public final class EmbeddedSqs {

    private static EmbeddedSqs shared;

    private static final Map<String, EmbeddedSqs> DEV_SERVICES = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String ENDPOINT_PROPERTY = "sqs-changes.test.embedded-sqs";

    private final String endpoint;
    private final SqsClient client;

    private EmbeddedSqs(String endpoint) {
        this.endpoint = endpoint;
        client = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** @return the hand-started server of this JVM, started on first use */
    public static synchronized EmbeddedSqs shared() {
        if (shared == null) {
            String running = System.getProperty(ENDPOINT_PROPERTY);
            if (running == null) {
                SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
                running = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
                System.setProperty(ENDPOINT_PROPERTY, running);
            }
            shared = new EmbeddedSqs(running);
        }
        return shared;
    }

    /**
     * @return the server the extension's Dev Service started for the running test application (call it from a test
     *         method: the endpoint is known once the application has started)
     */
    public static EmbeddedSqs devService() {
        String endpoint = ConfigProvider.getConfig().getValue("quarkus.sqs.endpoint-override", String.class);
        return DEV_SERVICES.computeIfAbsent(endpoint, EmbeddedSqs::new);
    }

    /** @return a client of the SQS server at that endpoint, such as one the test starts and stops itself */
    public static EmbeddedSqs at(String endpoint) {
        return new EmbeddedSqs(endpoint);
    }

    /** @return the URL of an existing queue */
    public String queueUrl(String name) {
        return client.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** @return the endpoint, such as {@code http://127.0.0.1:41234} */
    public String endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /**
     * Points the default SQS client of a test application at this server.
     */
    public QuarkusUnitTest configure(QuarkusUnitTest test) {
        return test.overrideConfigKey("quarkus.sqs.endpoint-override", endpoint)
                .overrideConfigKey("quarkus.sqs.aws.region", "us-east-1")
                .overrideConfigKey("quarkus.sqs.aws.credentials.type", "static")
                .overrideConfigKey("quarkus.sqs.aws.credentials.static-provider.access-key-id", "test")
                .overrideConfigKey("quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test")
                .overrideConfigKey("quarkus.sqs.devservices.enabled", "false");
    }

    /** @return the URL of a new queue */
    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    /** @return the URL of a new queue with these attributes (FIFO if the name ends with {@code .fifo}) */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new java.util.HashMap<>(attributes);
        if (name.endsWith(".fifo")) {
            all.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return client.createQueue(b -> b.queueName(name).attributes(all)).queueUrl();
    }

    /** @return the message id */
    public String send(String queueUrl, String body) {
        return client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** @return the message id */
    public String sendFifo(String queueUrl, String body, String group, String deduplicationId) {
        return client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(deduplicationId)).messageId();
    }

    /** @return the messages on the queue, visible or in flight */
    public int messagesOnQueue(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        int total = 0;
        for (String count : attributes.values()) {
            total += Integer.parseInt(count);
        }
        return total;
    }

    /** @return the messages received by a consumer and neither deleted nor visible again yet */
    public int messagesInFlight(String queueUrl) {
        return Integer.parseInt(client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives (and so hides for the given time) what is visible on a queue, without deleting it. */
    public List<Message> receiveVisible(String queueUrl, int visibilitySeconds) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = client.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(visibilitySeconds).waitTimeSeconds(0)).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }
}
