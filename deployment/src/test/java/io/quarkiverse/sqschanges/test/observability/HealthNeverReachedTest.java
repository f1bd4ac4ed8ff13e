package io.quarkiverse.sqschanges.test.observability;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A queue that has never reached SQS is not ready from its first failure, however long
 * {@code health.down-after} is: the grace period only covers queues that have polled successfully.
 */
class HealthNeverReachedTest {

    // a hand-started server behind a proxy that is down from the start
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("health-never");
    static final SqsProxy DEAD = SqsProxy.sharedDown("health-never", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withEmptyApplication())
            .overrideConfigKey("quarkus.sqs.endpoint-override", DEAD.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.unreachable.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.health.down-after", "1h");

    @Test
    void aQueueThatNeverPolledIsDownAtOnce() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'SQS change sources' }.data.unreachable", startsWith("failing: ")));
    }
}
