package io.quarkiverse.sqschanges.test.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FreePort;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An endpoint is configured: the Dev Service stays off, and the client keeps the configured endpoint.
 */
class DevServicesOffWithEndpointTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final int PORT = FreePort.named("dev-services-off");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withEmptyApplication())
            .overrideConfigKey("quarkus.sqs-changes.devservices.port", Integer.toString(PORT))
            .overrideConfigKey("quarkus.sqs-changes.queues.any.queue-name", "any");

    @Test
    void noEmbeddedServerIsStarted() {
        assertThat(FreePort.isListening(PORT)).isFalse();
        assertThat(ConfigProvider.getConfig().getValue("quarkus.sqs.endpoint-override", String.class))
                .isEqualTo(SQS.endpoint());
    }
}
