package io.quarkiverse.sqschanges.it.testing;

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
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The guide's Testing page, "An SQS server of your own": starts ElasticMQ in the test's JVM, creates the demo's
 * queues as they would be in production (commands with a dead-letter queue), and points the application's SQS
 * clients at it. A test class gets a client of the same server in any field of type {@link SqsClient}.
 */
// tag::resource[]
public class ElasticMqResource implements QuarkusTestResourceLifecycleManager {

    private SQSRestServer server;
    private SqsClient sqs;

    @Override
    public Map<String, String> start() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start(); // <1>
        String endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sqs.createQueue(b -> b.queueName("builds")); // <2>
        sqs.createQueue(b -> b.queueName("models"));
        String deadLetters = sqs.createQueue(b -> b.queueName("commands-dlq")).queueUrl();
        String deadLettersArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetters)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.createQueue(b -> b.queueName("commands").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + deadLettersArn + "\",\"maxReceiveCount\":\"3\"}")));
        return Map.of( // <3>
                "quarkus.sqs.endpoint-override", endpoint,
                "quarkus.sqs.aws.region", "us-east-1",
                "quarkus.sqs.aws.credentials.type", "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(sqs, new TestInjector.MatchesType(SqsClient.class)); // <4>
    }

    @Override
    public void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.stopAndWait();
        }
    }
}
// end::resource[]
