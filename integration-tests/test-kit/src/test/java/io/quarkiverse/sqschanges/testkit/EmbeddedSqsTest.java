package io.quarkiverse.sqschanges.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class EmbeddedSqsTest {

    @Test
    void aServerStopsAndStartsAgainEmptyOnItsPort() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start()) {
            String url = sqs.createQueue("kept.fifo");
            sqs.sendFifo(url, "one", "g", "1");
            assertThat(sqs.messagesOnQueue(url)).isEqualTo(1);

            sqs.stop();
            assertThat(FreePort.isListening(sqs.port())).as("listening once stopped").isFalse();
            sqs.restart();
            assertThat(FreePort.isListening(sqs.port())).as("listening once started again").isTrue();
            assertThatThrownBy(() -> sqs.queueUrl("kept.fifo")).isInstanceOf(QueueDoesNotExistException.class);
        }
    }

    @Test
    void aSharedServerIsOnePerNameAndAClientAloneCannotStopIt() {
        EmbeddedSqs shared = EmbeddedSqs.shared("kit-test");
        assertThat(EmbeddedSqs.shared("kit-test")).isSameAs(shared);
        EmbeddedSqs client = EmbeddedSqs.at(shared.endpoint());
        String url = shared.createQueue("seen");
        assertThat(client.queueUrl("seen")).isEqualTo(url);
        assertThatThrownBy(client::stop).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started by the test kit");
        assertThat(SqsClients.config(shared.endpoint())).containsEntry("quarkus.sqs.endpoint-override",
                shared.endpoint());
        assertThat(FreePort.named("kit-test")).isEqualTo(FreePort.named("kit-test"));
        shared.stop();
    }
}
