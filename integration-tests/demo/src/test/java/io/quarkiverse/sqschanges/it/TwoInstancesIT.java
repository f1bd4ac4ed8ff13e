package io.quarkiverse.sqschanges.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Two instances of the packaged application (production mode, separate processes) compete for one queue of
 * 10,000 messages: every message is observed, none is lost; messages observed twice are counted and reported.
 */
class TwoInstancesIT {

    /** 10,000 by default; the {@code soak} Maven profile raises it. */
    static final int MESSAGES = Integer.getInteger("sqs-changes.soak.messages", 10_000);

    /** Kept after the run: the instances' logs are there. */
    final Path work = Path.of("target", "two-instances").toAbsolutePath();

    SQSRestServer server;
    final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(Process::destroy);
        if (server != null) {
            server.stopAndWait();
        }
    }

    @Test
    void competingConsumersLoseNothing() throws Exception {
        Files.createDirectories(work);
        try (Stream<Path> old = Files.list(work)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        String endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String name : List.of("builds", "models", "commands")) {
                sqs.createQueue(b -> b.queueName(name));
            }
            String url = sqs.createQueue(b -> b.queueName("load")).queueUrl();
            Set<String> sent = new HashSet<>();
            for (int batch = 0; batch < MESSAGES / 10; batch++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("load " + batch + "-" + i)
                            .build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).successful()
                        .forEach(ok -> sent.add(ok.messageId()));
            }
            assertThat(sent).hasSize(MESSAGES);

            long start = System.nanoTime();
            instances.add(startInstance(endpoint, work.resolve("a.txt")));
            instances.add(startInstance(endpoint, work.resolve("b.txt")));

            await().atMost(Duration.ofSeconds(Math.max(180, MESSAGES / 50))).pollInterval(Duration.ofMillis(500))
                    .until(() -> observed().containsAll(sent) && messagesOn(sqs, url) == 0);
            double seconds = (System.nanoTime() - start) / 1e9;

            List<String> a = lines(work.resolve("a.txt"));
            List<String> b = lines(work.resolve("b.txt"));
            Set<String> union = observed();
            int duplicates = a.size() + b.size() - union.size();
            System.out.printf("Two instances drained %d messages in %.1f s (incl. startup): instance A %d, instance B %d,"
                    + " observed twice %d%n", MESSAGES, seconds, a.size(), b.size(), duplicates);
            assertThat(union).containsAll(sent);
            assertThat(a).as("instance A took part").isNotEmpty();
            assertThat(b).as("instance B took part").isNotEmpty();
        }
    }

    private Process startInstance(String endpoint, Path recordFile) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0",
                "-Dquarkus.sqs.endpoint-override=" + endpoint,
                "-Dquarkus.sqs.aws.region=us-east-1",
                "-Dquarkus.sqs.aws.credentials.type=static",
                "-Dquarkus.sqs.aws.credentials.static-provider.access-key-id=test",
                "-Dquarkus.sqs.aws.credentials.static-provider.secret-access-key=test",
                "-Dquarkus.sqs-changes.queues.load.queue-name=load",
                "-Dquarkus.log.category.\"io.quarkiverse.sqschanges.it\".level=WARN",
                "-Ddemo.record-file=" + recordFile,
                "-jar", jar.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(recordFile.getFileName() + ".log").toFile())
                .start();
    }

    private Set<String> observed() throws IOException {
        Set<String> all = new HashSet<>(lines(work.resolve("a.txt")));
        all.addAll(lines(work.resolve("b.txt")));
        return all;
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).toList();
        }
    }

    private static int messagesOn(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
