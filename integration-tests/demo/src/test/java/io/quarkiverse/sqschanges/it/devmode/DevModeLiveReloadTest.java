package io.quarkiverse.sqschanges.it.devmode;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Dev mode: the embedded SQS server survives a live reload (its messages are kept), and a queue added to the
 * configuration is created and polled after the reload.
 */
class DevModeLiveReloadTest {

    static final int PORT = freePort();

    /** Kept in a system property: JUnit and the dev-mode application load this class separately. */
    static int freePort() {
        String key = "sqs-changes.test.dev-mode-port";
        if (System.getProperty(key) == null) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                System.setProperty(key, Integer.toString(socket.getLocalPort()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Integer.getInteger(key);
    }

    @RegisterExtension
    static final QuarkusDevModeTest test = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ObservedRoute.class)
                    .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(String.join("\n",
                            "quarkus.sqs-changes.devservices.port=" + PORT,
                            "quarkus.sqs-changes.devservices.additional-queues=parked",
                            "quarkus.sqs-changes.queues.first.queue-name=first",
                            "quarkus.sqs-changes.queues.first.wait-time=1s",
                            "")), "application.properties"));

    static SqsClient sqs;

    static SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + PORT)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
        return sqs;
    }

    @AfterAll
    static void close() {
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void serverIsKeptAndNewQueuesArePolledAfterReload() {
        String first = sqs().getQueueUrl(b -> b.queueName("first")).queueUrl();
        String parked = sqs().getQueueUrl(b -> b.queueName("parked")).queueUrl();
        sqs().sendMessage(b -> b.queueUrl(first).messageBody("before reload"));
        sqs().sendMessage(b -> b.queueUrl(parked).messageBody("kept across the reload"));
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/observed").asString().contains("before reload"));

        test.modifyResourceFile("application.properties", properties -> properties
                + "quarkus.sqs-changes.queues.second.queue-name=second\n"
                + "quarkus.sqs-changes.queues.second.wait-time=1s\n");
        get("/observed"); // the first request after the change triggers the reload

        String second = sqs().getQueueUrl(b -> b.queueName("second")).queueUrl();
        sqs().sendMessage(b -> b.queueUrl(second).messageBody("after reload"));
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/observed").asString().contains("after reload"));
        // the same server: the parked message is still there
        assertThat(sqs().receiveMessage(b -> b.queueUrl(parked).waitTimeSeconds(1)).messages())
                .extracting(m -> m.body()).containsExactly("kept across the reload");
    }
}
