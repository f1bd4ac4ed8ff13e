package io.quarkiverse.sqschanges.test.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class UnknownFormatTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            // startup fails before any SQS request: no server
            .overrideConfigKey("quarkus.sqs-changes.devservices.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.format", "yaml")
            .assertException(e -> assertThat(fullText(e))
                    .contains("quarkus.sqs-changes.queues.orders.format")
                    .contains("yaml")
                    .containsIgnoringCase("raw")
                    .containsIgnoringCase("json"));

    static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                text.append(fullText(s));
            }
        }
        return text.toString();
    }

    @Test
    void startupFailsNamingThePropertyAndTheAllowedValues() {
        // the assertion is in assertException
    }
}
