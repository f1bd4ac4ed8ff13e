package io.quarkiverse.sqschanges.runtime.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A visibility change that SQS refuses as a whole (a missing permission) is counted as failed and fails nothing
 * else; the requests that work again are counted as such.
 */
class VisibilityChangerTest {

    final AtomicReference<CompletableFuture<ChangeMessageVisibilityBatchResponse>> answer = new AtomicReference<>();
    final QueueCounters counters = new QueueCounters();
    final VisibilityChanger visibility = new VisibilityChanger(new SqsAsyncClient() {
        @Override
        public CompletableFuture<ChangeMessageVisibilityBatchResponse> changeMessageVisibilityBatch(
                ChangeMessageVisibilityBatchRequest request) {
            return answer.get();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }, "q", counters);
    final Map<Message, Integer> oneMessage = Map.of(Message.builder().messageId("m").receiptHandle("rh").build(), 30);

    @Test
    void aRefusedRequestIsCountedAndFailsNothingElse() {
        answer.set(CompletableFuture.failedFuture(SqsException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("denied").build())
                .build()));
        CompletableFuture<Void> refused = visibility.change("http://sqs/q", oneMessage, "delay a retry");

        assertThat(refused).isCompleted().isNotCompletedExceptionally();
        assertThat(counters.visibilityRequests()).isEqualTo(1);
        assertThat(counters.visibilityErrors()).isEqualTo(1);

        answer.set(CompletableFuture.completedFuture(ChangeMessageVisibilityBatchResponse.builder().build()));
        visibility.change("http://sqs/q", oneMessage, "delay a retry").join();

        assertThat(counters.visibilityRequests()).isEqualTo(2);
        assertThat(counters.visibilityErrors()).isEqualTo(1);
    }
}
