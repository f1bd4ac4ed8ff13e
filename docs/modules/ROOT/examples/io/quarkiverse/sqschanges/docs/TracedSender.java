package io.quarkiverse.sqschanges.docs;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

@ApplicationScoped
public class TracedSender {

    @Inject
    SqsClient sqs;

    @Inject
    OpenTelemetry openTelemetry;

    public String send(String queueUrl, String body) {
        // tag::propagate[]
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), attributes,
                (carrier, key, value) -> carrier.put(key,
                        MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes))
                .messageId();
        // end::propagate[]
    }
}
