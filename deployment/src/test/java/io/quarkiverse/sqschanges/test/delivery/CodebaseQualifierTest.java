package io.quarkiverse.sqschanges.test.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.Codebase;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

class CodebaseQualifierTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedChanges.class, ModelsObserver.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.model-updates.queue-name", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.model-updates.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.model-updates.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.docs.queue-name", "docs")
            .overrideConfigKey("quarkus.sqs-changes.queues.docs.wait-time", "1s");

    @Inject
    ReceivedChanges all;

    @Inject
    ModelsObserver models;

    @Test
    void qualifiedObserversSeeOnlyTheirCodebaseAndPlainObserversSeeAll() {
        EmbeddedSqs sqs = EmbeddedSqs.devService();
        String modelsUrl = sqs.queueUrl("models");
        String docsUrl = sqs.queueUrl("docs");
        String model = sqs.send(modelsUrl, "model v2");
        String doc = sqs.send(docsUrl, "doc v7");

        assertThat(all.await(2)).extracting(Change::revision).containsExactlyInAnyOrder(model, doc);
        assertThat(all.all()).filteredOn(c -> c.revision().equals(model))
                .extracting(Change::queue, Change::codebase).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "model-updates", "models"));
        assertThat(all.all()).filteredOn(c -> c.revision().equals(doc))
                .extracting(Change::codebase).containsExactly("docs");
        await().atMost(Duration.ofSeconds(5)).until(() -> !models.changes.isEmpty());
        assertThat(models.changes).extracting(Change::revision).containsExactly(model);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sqs.messagesOnQueue(modelsUrl) + sqs.messagesOnQueue(docsUrl) == 0);
    }

    @Singleton
    static class ModelsObserver {

        final List<Change> changes = new CopyOnWriteArrayList<>();

        void on(@Observes @Codebase("models") Change change) {
            changes.add(change);
        }
    }
}
