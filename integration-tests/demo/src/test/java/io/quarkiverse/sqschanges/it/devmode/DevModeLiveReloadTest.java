package io.quarkiverse.sqschanges.it.devmode;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FreePort;
import io.quarkus.test.QuarkusDevModeTest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Dev mode: the embedded SQS server survives a live reload (its messages are kept), and a queue added to the
 * configuration is created and polled after the reload.
 */
class DevModeLiveReloadTest {

    /** Named: JUnit and the dev-mode application load this class separately. */
    static final int PORT = FreePort.named("dev-mode-live-reload");

    @RegisterExtension
    static final QuarkusDevModeTest test = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ObservedRoute.class)
                    .addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(String.join("\n",
                            "quarkus.sqs-changes.devservices.port=" + PORT,
                            "quarkus.sqs-changes.devservices.additional-queues=parked",
                            "quarkus.sqs-changes.queues.first.queue-name=first",
                            "quarkus.sqs-changes.queues.first.wait-time=1s",
                            "")), "application.properties"));

    static final EmbeddedSqs SQS = EmbeddedSqs.at("http://127.0.0.1:" + PORT);

    @AfterAll
    static void close() {
        SQS.close();
    }

    static SqsClient sqs() {
        return SQS.client();
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
