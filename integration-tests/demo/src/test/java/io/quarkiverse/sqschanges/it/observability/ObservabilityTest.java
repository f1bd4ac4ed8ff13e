package io.quarkiverse.sqschanges.it.observability;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The demo application with the real Micrometer (Prometheus), SmallRye Health and OpenTelemetry extensions: the
 * counters after N messages, a consumer span per message in the producer's trace with the observers inside it, and
 * readiness going DOWN when the SQS server stops, then UP when it is back.
 */
@QuarkusTest
@TestProfile(ObservabilityProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    TraceOfObservers observers;

    static SqsClient sqs() {
        return StoppableSqsServer.server().client();
    }

    static String queueUrl(String queue) {
        return StoppableSqsServer.server().queueUrl(queue);
    }

    @Test
    @Order(1)
    void metricsCountTheMessagesOfEachQueue() {
        String models = queueUrl("models");
        for (int i = 0; i < 5; i++) {
            int n = i;
            sqs().sendMessage(b -> b.queueUrl(models).messageBody("{\"n\":" + n + "}"));
        }
        sqs().sendMessage(b -> b.queueUrl(models).messageBody("not json"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(value(metrics, "sqs_changes_messages_received_total", "queue=\"models\"")).isEqualTo(6);
            assertThat(value(metrics, "sqs_changes_changes_fired_total", "queue=\"models\"")).isEqualTo(5);
            assertThat(value(metrics, "sqs_changes_messages_deleted_total", "queue=\"models\"")).isEqualTo(5);
            assertThat(value(metrics, "sqs_changes_messages_failed_total", "queue=\"models\"", "reason=\"invalid\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "sqs_changes_lag_seconds_count", "queue=\"models\"")).isGreaterThanOrEqualTo(6);
            assertThat(value(metrics, "sqs_changes_handling_seconds_count", "queue=\"models\"")).isEqualTo(5);
            assertThat(value(metrics, "sqs_changes_requests_total", "queue=\"models\"", "action=\"receive\"",
                    "outcome=\"success\"")).isPositive();
        });
    }

    @Test
    @Order(2)
    void eachMessageIsAConsumerSpanInTheProducersTrace() {
        Span producer = openTelemetry.getTracer("test").spanBuilder("send build").setSpanKind(SpanKind.PRODUCER)
                .startSpan();
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        try (Scope ignored = producer.makeCurrent()) {
            openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), attributes,
                    (carrier, key, value) -> carrier.put(key,
                            MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        } finally {
            producer.end();
        }
        assertThat(attributes).containsKey("traceparent");
        String messageId = sqs().sendMessage(b -> b.queueUrl(queueUrl("builds")).messageBody("action build")
                .messageAttributes(attributes)).messageId();

        SpanData consumer = await().atMost(Duration.ofSeconds(30)).until(() -> processSpan(messageId),
                span -> span != null);
        assertThat(consumer.getName()).isEqualTo("process builds");
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getTraceId()).isEqualTo(producer.getSpanContext().getTraceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanContext().getSpanId());
        assertThat(consumer.getLinks()).anySatisfy(
                link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(producer.getSpanContext().getSpanId()));
        assertThat(consumer.getAttributes().asMap()).extractingFromEntries(entry -> entry.getKey().getKey() + "="
                + entry.getValue()).contains("messaging.system=aws_sqs", "messaging.operation.type=process",
                        "messaging.destination.name=builds", "messaging.message.id=" + messageId);

        await().atMost(Duration.ofSeconds(10)).until(() -> observers.asyncSpanByMessage.containsKey(messageId));
        assertThat(observers.syncSpanByMessage.get(messageId)).isEqualTo(consumer.getSpanId());
        assertThat(observers.asyncSpanByMessage.get(messageId)).isEqualTo(consumer.getSpanId());
    }

    @Test
    @Order(3)
    void aMessageWithoutTraceContextStartsANewTrace() {
        String messageId = sqs().sendMessage(b -> b.queueUrl(queueUrl("builds")).messageBody("action test"))
                .messageId();
        SpanData consumer = await().atMost(Duration.ofSeconds(30)).until(() -> processSpan(messageId),
                span -> span != null);
        assertThat(consumer.getParentSpanContext().isValid()).isFalse();
        assertThat(consumer.getLinks()).isEmpty();
    }

    @Test
    @Order(4)
    void readinessIsDownWhileTheSqsServerIsStopped() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("UP")));

        StoppableSqsServer.server().stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'SQS change sources' }.data.builds", startsWith("failing: ")));
        } finally {
            StoppableSqsServer.restart();
        }
        // back-off after failures is capped at one minute
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'SQS change sources' }.status", equalTo("UP")));
    }

    private SpanData processSpan(String messageId) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .filter(span -> messageId.equals(span.getAttributes().asMap().entrySet().stream()
                        .filter(entry -> entry.getKey().getKey().equals("messaging.message.id"))
                        .map(entry -> String.valueOf(entry.getValue())).findFirst().orElse(null)))
                .findFirst().orElse(null);
    }

    /**
     * @return the value of the Prometheus sample whose name and labels match (an exemplar may follow it), or -1 if
     *         there is none
     */
    private static double value(String metrics, String name, String... labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(metrics);
        while (matcher.find()) {
            String found = matcher.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return -1;
    }
}
