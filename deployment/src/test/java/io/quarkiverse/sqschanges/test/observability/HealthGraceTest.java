package io.quarkiverse.sqschanges.test.observability;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A queue that has polled successfully and then fails stays ready for {@code health.down-after}: a short outage
 * does not flip readiness. The failure shows in the check's data all the same.
 */
class HealthGraceTest {

    // a hand-started server behind a proxy that the test takes down
    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE_URL = SQS.createQueue("health-grace");
    static final SqsProxy PROXY = SqsProxy.shared("health-grace", SQS.endpoint());

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withEmptyApplication())
            .overrideConfigKey("quarkus.sqs.endpoint-override", PROXY.endpoint())
            .overrideConfigKey("quarkus.sqs-changes.queues.watched.url", QUEUE_URL)
            .overrideConfigKey("quarkus.sqs-changes.queues.watched.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.health.down-after", "1h");

    @AfterEach
    void reconnect() {
        PROXY.setDown(false);
    }

    @Test
    void aFailingQueueStaysReadyWithinTheGracePeriod() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'SQS change sources' }.data.watched",
                        startsWith("polling; last successful poll")));

        PROXY.setDown(true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> get("/q/health/ready").then().log().ifValidationFails()
                .statusCode(200)
                .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'SQS change sources' }.data.watched", startsWith("failing: ")));
    }
}
