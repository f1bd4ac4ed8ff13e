package io.quarkiverse.sqschanges.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** The proxy between the SDK's clients (both HTTP clients) and a real ElasticMQ. */
class SqsProxyTest {

    static EmbeddedSqs sqs;

    @BeforeAll
    static void startServer() {
        sqs = EmbeddedSqs.start();
    }

    @AfterAll
    static void stopServer() {
        sqs.close();
    }

    @Test
    void eachRequestIsLoggedWithItsActionAndQueue() throws Exception {
        try (SqsProxy proxy = SqsProxy.start(sqs.endpoint());
                SqsClient client = SqsClients.sync(proxy.endpoint());
                SqsAsyncClient async = SqsClients.async(proxy.endpoint())) {
            long before = System.nanoTime();
            String url = client.createQueue(b -> b.queueName("logged")).queueUrl();
            client.sendMessage(b -> b.queueUrl(url).messageBody("one"));
            client.listQueues();
            async.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).get(10, TimeUnit.SECONDS);

            // every request is in by the end of its body, those that name no queue too
            assertThat(proxy.requests()).extracting(SqsRequest::action, SqsRequest::queue).containsExactly(
                    tuple("CreateQueue", "logged"),
                    tuple("SendMessage", "logged"),
                    tuple("ListQueues", ""),
                    tuple(SqsRequest.RECEIVE, "logged"));
            assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.nanos()).isBetween(before, System.nanoTime()));
            assertThat(proxy.count(SqsRequest.RECEIVE)).isEqualTo(1);
            RequestCounts counts = RequestCounts.of(proxy.requests("logged"));
            assertThat(counts.total()).isEqualTo(3);
            assertThat(counts.of("SendMessage", SqsRequest.RECEIVE)).isEqualTo(2);
            assertThat(counts.plus(counts)).hasToString("CreateQueue 2, ReceiveMessage 2, SendMessage 2");
        }
    }

    @Test
    void whileDownEveryConnectionIsClosed() {
        try (SqsProxy proxy = SqsProxy.start(sqs.endpoint()); SqsClient client = SqsClients.sync(proxy.endpoint())) {
            client.listQueues();
            proxy.setDown(true);
            assertThatThrownBy(client::listQueues).isInstanceOf(SdkClientException.class);
            assertThat(proxy.count("ListQueues")).as("requests that got through").isEqualTo(1);

            proxy.setDown(false);
            client.listQueues();
            assertThat(proxy.count("ListQueues")).isEqualTo(2);
            assertThat(proxy.connections()).isGreaterThan(1);
        }
    }

    @Test
    void whileFrozenRequestsWaitAndThenGoThrough() throws Exception {
        String url = sqs.createQueue("frozen");
        try (SqsProxy proxy = SqsProxy.start(sqs.endpoint());
                SqsAsyncClient async = SqsClients.async(proxy.endpoint())) {
            proxy.setFrozen(true);
            CompletableFuture<SendMessageResponse> sent = async.sendMessage(b -> b.queueUrl(url).messageBody("held"));
            // the request reaches the proxy, which holds it (it may not have read all of it: a body that comes in a
            // later read waits with it)
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.connections() >= 1);
            Thread.sleep(1000);
            assertThat(sent).as("a send while frozen").isNotDone();
            assertThat(sqs.messagesOnQueue(url)).as("messages that reached the server").isZero();

            proxy.setFrozen(false);
            assertThat(sent.get(10, TimeUnit.SECONDS).messageId()).isNotBlank();
            assertThat(sqs.messagesOnQueue(url)).isEqualTo(1);
            assertThat(proxy.count("SendMessage")).as("the held request, logged").isEqualTo(1);
        }
    }

    @Test
    void aSharedProxyIsOnePerName() {
        SqsProxy proxy = SqsProxy.shared("kit-test", sqs.endpoint());
        try {
            assertThat(SqsProxy.shared("kit-test", sqs.endpoint()).endpoint()).isEqualTo(proxy.endpoint());
            assertThat(SqsProxy.shared("kit-test-other", sqs.endpoint()).endpoint()).isNotEqualTo(proxy.endpoint());
        } finally {
            proxy.close();
            SqsProxy.shared("kit-test-other", sqs.endpoint()).close();
        }
    }
}
