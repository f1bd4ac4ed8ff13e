package io.quarkiverse.sqschanges.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.polling.QueueCounters;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkiverse.sqschanges.testkit.LogRecords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * 30 queues with {@code concurrency=2} and no pool size set: the extension sizes the pool of the SQS async client to
 * two connections per receive loop, 120, and logs it once. A disabled queue holds no connection, and a queue of
 * another profile is not configured; one of the 30 is configured for the test profile only.
 */
class ComputedPoolSizeTest {

    static final int QUEUES = 30;

    @RegisterExtension
    static final QuarkusUnitTest app = queues(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Observed.class)))
            .overrideConfigKey("quarkus.sqs-changes.queues.off.queue-name", "off")
            .overrideConfigKey("quarkus.sqs-changes.queues.off.enabled", "false")
            .overrideConfigKey("quarkus.sqs-changes.queues.off.concurrency", "50")
            .overrideConfigKey("%prod.quarkus.sqs-changes.queues.elsewhere.queue-name", "elsewhere")
            .overrideConfigKey("%prod.quarkus.sqs-changes.queues.elsewhere.concurrency", "50")
            .setLogRecordPredicate(r -> r.getLoggerName().equals(ChangeSources.class.getName()))
            .assertLogRecords(records -> assertThat(records).map(LogRecords::text)
                    .filteredOn(text -> text.contains("long polls"))
                    .containsExactly("SQS change sources hold up to 60 long polls open (30 queues, 2 each); the SQS"
                            + " async client allows 120 connections (quarkus.sqs.async-client.max-concurrency, sized by"
                            + " the extension)"));

    static QuarkusUnitTest queues(QuarkusUnitTest test) {
        for (int i = 0; i < QUEUES; i++) {
            String prefix = i == 0 ? "%test.quarkus.sqs-changes.queues." : "quarkus.sqs-changes.queues.";
            test.overrideConfigKey(prefix + queue(i) + ".queue-name", queue(i))
                    .overrideConfigKey(prefix + queue(i) + ".concurrency", "2")
                    // a short long poll: the first one of each queue starts within a random part of it
                    .overrideConfigKey(prefix + queue(i) + ".wait-time", "2s");
        }
        return test;
    }

    static String queue(int i) {
        return String.format("sized-%02d", i);
    }

    @Inject
    Observed observed;

    @Inject
    ChangeSources sources;

    @Test
    void thePoolHasTwoConnectionsPerReceiveLoopAndServesThemAll() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.sqs.async-client.max-concurrency", Integer.class))
                .isEqualTo(120);
        assertThat(ConfigProvider.getConfig().getValue("quarkus.sqs.async-client.crt.max-concurrency", Integer.class))
                .isEqualTo(120);

        EmbeddedSqs sqs = EmbeddedSqs.devService();
        for (int i = 0; i < QUEUES; i++) {
            sqs.send(sqs.queueUrl(queue(i)), "hello");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> observed.queues.size() == QUEUES);
        assertThat(sources.queues()).hasSize(QUEUES + 1);
        for (int i = 0; i < QUEUES; i++) {
            QueueCounters counters = sources.counters(queue(i)).orElseThrow();
            assertThat(List.of(counters.receiveErrors(), counters.deleteErrors())).as("receive and delete errors of %s",
                    queue(i)).containsOnly(0L);
        }
    }

    @Singleton
    static class Observed {

        final Set<String> queues = ConcurrentHashMap.newKeySet();

        void on(@Observes Change change) {
            queues.add(change.queue());
        }
    }
}
