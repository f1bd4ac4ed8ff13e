package io.quarkiverse.sqschanges.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.sqschanges.testkit.EmbeddedPostgresql;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.FreePort;
import io.quarkiverse.sqschanges.testkit.SqsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Instances of the packaged demo (separate processes, production mode) with {@code deduplicate=true} and the
 * duplicate filter on one PostgreSQL database, which the test starts: what one instance handled or holds, the others
 * and the instance's next run know.
 */
class SharedDuplicateFilterIT {

    /** Kept after the run: the instances' logs are there. */
    final Path work = Path.of("target", "shared-duplicate-filter").toAbsolutePath();
    final HttpClient http = HttpClient.newHttpClient();

    EmbeddedSqs server;
    EmbeddedPostgresql postgres;
    SqsClient sqs;
    final List<Instance> instances = new ArrayList<>();

    record Instance(Process process, int port, Path records) {
    }

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(work);
        try (Stream<Path> old = Files.list(work)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        postgres = EmbeddedPostgresql.started();
        server = EmbeddedSqs.start();
        sqs = server.client();
        for (String name : List.of("builds", "models", "commands")) {
            sqs.createQueue(b -> b.queueName(name));
        }
    }

    @AfterEach
    void stop() {
        instances.forEach(instance -> instance.process.destroy());
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /**
     * One message, delivered to the second instance again and again while the first one's observer works on it (no
     * heartbeat, a 2 s visibility timeout, a 6 s observer): fired once, by one instance, then deleted.
     */
    @Test
    void aCopyInFlightOnAnotherInstanceIsNotFired() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("shared")).queueUrl();
        List<String> settings = List.of(
                "-Dquarkus.sqs-changes.queues.shared.queue-name=shared",
                "-Dquarkus.sqs-changes.queues.shared.deduplicate=true",
                "-Dquarkus.sqs-changes.queues.shared.visibility-timeout=2s",
                "-Dquarkus.sqs-changes.queues.shared.visibility-heartbeat=false",
                // the loop that holds the message receives no more until its observer is done: only the other
                // instance can receive the copies
                "-Dquarkus.sqs-changes.queues.shared.prefetch=false",
                "-Dquarkus.sqs-changes.queues.shared.wait-time=1s",
                "-Ddemo.record-delay=6s");
        Instance a = startInstance("a", settings);
        Instance b = startInstance("b", settings);
        awaitReady(a);
        awaitReady(b);

        String id = server.send(url, "deploy once");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> lines(a.records).size() + lines(b.records).size() >= 1 && server.messagesOnQueue(url) == 0);

        long received = meter(a, "sqs_changes_messages_received_total") + meter(b, "sqs_changes_messages_received_total");
        System.out.printf("One message: instance A received it %d time(s) and fired %d change(s), instance B %d and"
                + " %d%n", meter(a, "sqs_changes_messages_received_total"), meter(a, "sqs_changes_changes_fired_total"),
                meter(b, "sqs_changes_messages_received_total"), meter(b, "sqs_changes_changes_fired_total"));
        assertThat(meter(a, "sqs_changes_messages_received_total")).as("instance A received it").isPositive();
        assertThat(meter(b, "sqs_changes_messages_received_total")).as("instance B received it").isPositive();
        assertThat(received).as("copies delivered while the first was in flight").isGreaterThanOrEqualTo(3);
        assertThat(meter(a, "sqs_changes_changes_fired_total") + meter(b, "sqs_changes_changes_fired_total"))
                .as("changes fired, over both instances").isEqualTo(1);
        List<String> observed = new ArrayList<>(lines(a.records));
        observed.addAll(lines(b.records));
        assertThat(observed).containsExactly(id);
    }

    /**
     * An instance is killed (kill -9) in the middle of a drain and started again: no message whose observer had
     * completed before the kill fires again (at most the one being confirmed at that instant), none is lost, and the
     * claim the killed instance left expires, so that its message is handled after the restart.
     */
    @Test
    void afterAKillNothingHandledFiresAgainAndNothingIsLost() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("drain")).queueUrl();
        Set<String> sent = new HashSet<>();
        for (int batch = 0; batch < 15; batch++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("drain " + batch + "-" + i)
                        .build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).successful()
                    .forEach(ok -> sent.add(ok.messageId()));
        }
        List<String> settings = List.of(
                "-Dquarkus.sqs-changes.queues.drain.queue-name=drain",
                "-Dquarkus.sqs-changes.queues.drain.deduplicate=true",
                "-Dquarkus.sqs-changes.queues.drain.visibility-timeout=3s",
                "-Ddemo.record-delay=100ms");
        Instance first = startInstance("first", settings);
        // killed while a claim is in the table (an observer takes 100 ms, the check a few): not in the instant
        // between one batch's confirmations and the next batch's claims
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> lines(first.records).size() >= 55 && rowsByState().containsKey("CLAIMED"));
        first.process.destroyForcibly().waitFor();
        Map<String, Set<String>> atKill = rowsByState();
        Set<String> handledAtKill = atKill.getOrDefault("HANDLED", Set.of());
        Set<String> claimedAtKill = atKill.getOrDefault("CLAIMED", Set.of());
        List<String> beforeKill = lines(first.records);

        Instance second = startInstance("second", settings);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> union(first, second).containsAll(sent) && server.messagesOnQueue(url) == 0);

        List<String> afterRestart = lines(second.records);
        Set<String> again = new HashSet<>(beforeKill);
        again.retainAll(afterRestart);
        System.out.printf("Killed after %d completed observers (%d handled rows, %d claims); after the restart %d"
                + " changes, %d of them observed before the kill%n", beforeKill.size(), handledAtKill.size(),
                claimedAtKill.size(), afterRestart.size(), again.size());
        assertThat(union(first, second)).as("none lost").containsAll(sent);
        assertThat(again).as("completed before the kill, observed again after the restart: at most the one being"
                + " confirmed at the kill").hasSizeLessThanOrEqualTo(1).doesNotContainAnyElementsOf(handledAtKill);
        assertThat(afterRestart).as("handled before the kill").doesNotContainAnyElementsOf(handledAtKill);
        assertThat(afterRestart).doesNotHaveDuplicates();
        assertThat(claimedAtKill).as("claims the killed instance left").isNotEmpty();
        assertThat(afterRestart).as("messages whose claim the killed instance left, handled once it expired")
                .containsAll(claimedAtKill);
    }

    private Map<String, Set<String>> rowsByState() throws SQLException {
        Map<String, Set<String>> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT state, message_id FROM sqs_changes_handled WHERE queue_name = 'drain'");
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.computeIfAbsent(result.getString(1), k -> new HashSet<>()).add(result.getString(2));
            }
        }
        return rows;
    }

    private Instance startInstance(String name, List<String> settings) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port = FreePort.any();
        Path records = work.resolve(name + ".txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        SqsClients.config(server.endpoint()).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(settings);
        command.addAll(List.of(
                "-Dquarkus.sqs-changes.deduplication.store=datasource",
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.log.category.\"io.quarkiverse.sqschanges.it\".level=WARN",
                "-Ddemo.record-file=" + records,
                "-jar", jar.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .start();
        Instance instance = new Instance(process, port, records);
        instances.add(instance);
        return instance;
    }

    private void awaitReady(Instance instance) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(instance, "/q/health/ready").statusCode() == 200);
    }

    private HttpResponse<String> get(Instance instance, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return the value of a counter of a queue's, summed over the queue tags of this test's queues */
    private long meter(Instance instance, String name) throws IOException, InterruptedException {
        Matcher values = Pattern.compile("(?m)^" + name + "\\{queue=\"(shared|drain)\"[^}]*\\} ([0-9.E+]+)$")
                .matcher(get(instance, "/q/metrics").body());
        double total = 0;
        while (values.find()) {
            total += Double.parseDouble(values.group(2));
        }
        return Math.round(total);
    }

    private Set<String> union(Instance... all) throws IOException {
        Set<String> union = new HashSet<>();
        for (Instance instance : all) {
            union.addAll(lines(instance.records));
        }
        return union;
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
