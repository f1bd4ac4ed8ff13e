package io.quarkiverse.sqschanges.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.SqsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
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

    EmbeddedSqs server;
    final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(Process::destroy);
        if (server != null) {
            server.close();
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
        server = EmbeddedSqs.start();
        String endpoint = server.endpoint();
        SqsClient sqs = server.client();
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
                .until(() -> observed().containsAll(sent) && server.messagesOnQueue(url) == 0);
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

    private Process startInstance(String endpoint, Path recordFile) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=0");
        SqsClients.config(endpoint).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
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

}
