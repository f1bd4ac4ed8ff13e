package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

class MapperBehaviourTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, KeyValueLineMapper.class, ModelMapper.class,
                    OrderMapper.class, LineMapper.class, LineQueueMapper.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.commands.queue-name", "mapper-commands")
            .overrideConfigKey("quarkus.sqs-changes.queues.commands.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.commands.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.queue-name", "mapper-strict")
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.strict.visibility-timeout", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.queue-name", "mapper-models")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.format", "json")
            .overrideConfigKey("quarkus.sqs-changes.queues.models.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.eu.queue-name", "mapper-eu-orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.eu.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.eu.codebase", "shop")
            .overrideConfigKey("quarkus.sqs-changes.queues.us.queue-name", "mapper-us-orders")
            .overrideConfigKey("quarkus.sqs-changes.queues.us.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.us.codebase", "shop")
            .overrideConfigKey("quarkus.sqs-changes.queues.lines.queue-name", "mapper-lines")
            .overrideConfigKey("quarkus.sqs-changes.queues.lines.wait-time", "1s");

    @Inject
    ReceivedChanges received;

    @Test
    void rawMessageIsParsedBySimpleMapper() {
        String id = sqs().send(url("mapper-commands"), "action build");

        Change change = awaitChange(id);
        assertThat(change.properties()).containsExactly(entry("sqs_body", "action build"), entry("action", "build"));
        assertThat(change.author()).isEqualTo("sqs");
        assertThat(change.codebase()).isEqualTo("commands");
    }

    @Test
    void skippedMessageIsDeletedWithoutEvent() {
        EmbeddedSqs sqs = sqs();
        String commands = url("mapper-commands");
        String skipped = sqs.send(commands, "# a comment line");
        String after = sqs.send(commands, "action test");

        awaitChange(after);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesOnQueue(commands) == 0);
        assertThat(received.all()).extracting(Change::revision).doesNotContain(skipped);
    }

    @Test
    void throwingMapperKeepsTheMessageAndPollingGoesOn() {
        EmbeddedSqs sqs = sqs();
        String strict = url("mapper-strict");
        String bad = sqs.send(strict, "unparseable");
        String good = sqs.send(strict, "action deploy");

        awaitChange(good);
        // kept, delivered again and again (visibility 1 s), never observed
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> sqs.messagesOnQueue(strict) == 1);
        assertThat(received.all()).extracting(Change::revision).doesNotContain(bad);
        assertThat(Arc.container().instance(KeyValueLineMapper.class).get().failures).isGreaterThanOrEqualTo(2);
    }

    @Test
    void jsonMapperSeesTheParsedObjectAndSetsFields() {
        String id = sqs().send(url("mapper-models"),
                "{\"model\":\"resnet\",\"git\":{\"branch\":\"main\",\"sha\":\"abc123\"}}");

        Change change = awaitChange(id);
        assertThat(change.branch()).isEqualTo("main");
        assertThat(change.revision()).isEqualTo("abc123");
        assertThat(change.project()).isEqualTo("resnet");
        assertThat(change.properties()).containsKeys("sqs_body", "model", "git").containsEntry("mapped", true);
        assertThat(change.message().messageId()).isEqualTo(id);
    }

    @Test
    void oneMapperServesTwoQueues() {
        String eu = sqs().send(url("mapper-eu-orders"), "order 1");
        String us = sqs().send(url("mapper-us-orders"), "order 2");

        assertThat(awaitChange(eu).properties()).containsEntry("region", "eu");
        assertThat(awaitChange(us).properties()).containsEntry("region", "us");
        assertThat(awaitChange(us).codebase()).isEqualTo("shop");
    }

    @Test
    void defaultMethodOfASubInterfaceIsTheMapping() {
        String id = sqs().send(url("mapper-lines"), "  indented line ");

        assertThat(awaitChange(id).properties()).containsEntry("line", "indented line");
    }

    @Test
    void mappersAreBeansKeepingTheirDeclaredScope() {
        assertThat(Arc.container().instance(KeyValueLineMapper.class).getBean().getScope()).isEqualTo(Singleton.class);
        assertThat(Arc.container().instance(ModelMapper.class).getBean().getScope()).isEqualTo(ApplicationScoped.class);
    }

    private static EmbeddedSqs sqs() {
        return EmbeddedSqs.devService();
    }

    /** @return the URL of a queue the Dev Service created, by its SQS name */
    private static String url(String queueName) {
        return sqs().queueUrl(queueName);
    }

    private Change awaitChange(String revisionOrMessageId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> find(revisionOrMessageId).isPresent());
        return find(revisionOrMessageId).orElseThrow();
    }

    private Optional<Change> find(String id) {
        return received.all().stream()
                .filter(c -> c.revision().equals(id) || c.message().messageId().equals(id))
                .findFirst();
    }

    /** The simple case: one method returning properties. Not a scope in sight: it is a singleton. */
    @ChangeMapper({ "commands", "strict" })
    public static class KeyValueLineMapper implements MessageMapper {

        volatile int failures;

        @Override
        public Map<String, Object> properties(MappedMessage message) {
            String body = message.body().trim();
            if (body.startsWith("#")) {
                return null;
            }
            String[] words = body.split("\\s+", 2);
            if (words.length < 2) {
                failures++;
                throw new IllegalArgumentException("expected '<key> <value>'");
            }
            return Map.of(words[0], words[1]);
        }
    }

    /** Full control, with the JSON object the json format already parsed. */
    @ChangeMapper("models")
    @ApplicationScoped
    public static class ModelMapper implements MessageMapper {

        @Override
        public Optional<Change> map(MappedMessage message) {
            ObjectNode json = message.json().orElseThrow();
            return Optional.of(message.change()
                    .branch(json.path("git").path("branch").asText())
                    .revision(json.path("git").path("sha").asText())
                    .project(json.path("model").asText())
                    .property("mapped", true)
                    .build());
        }
    }

    @ChangeMapper({ "eu", "us" })
    public static class OrderMapper implements MessageMapper {

        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of("region", message.queue());
        }
    }

    /** Mapping as a default method of an application's own interface: the mapper class itself declares nothing. */
    public interface LineMapper extends MessageMapper {
        @Override
        default Map<String, ?> properties(MappedMessage message) {
            return Map.of("line", message.body().trim());
        }
    }

    @ChangeMapper("lines")
    public static class LineQueueMapper implements LineMapper {
    }
}
