package io.quarkiverse.sqschanges.test.observability;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With SmallRye Health, readiness is UP while the queues are polled, DOWN while SQS cannot be reached, and UP again
 * once it can.
 */
class HealthTest {

    // a hand-started server behind a proxy that the test takes down and brings back
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("health");
    static final SqsProxy PROXY = SqsProxy.shared("health", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withEmptyApplication())
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.watched.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.watched.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.health.down-after", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.off.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.off.enabled", "false");

    @Test
    void readinessFollowsTheQueues() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'SQS change sources' }.data.watched",
                        startsWith("polling; last successful poll"))
                .body("checks.find { it.name == 'SQS change sources' }.data.off", equalTo("disabled")));

        PROXY.setDown(true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'SQS change sources' }.data.watched", startsWith("failing: ")));

        PROXY.setDown(false);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'SQS change sources' }.data.watched", containsString("polling")));
    }
}
