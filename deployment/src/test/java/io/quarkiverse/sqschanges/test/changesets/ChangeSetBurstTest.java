package io.quarkiverse.sqschanges.test.changesets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.sqschanges.ChangeSet;
import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A burst of ten messages on two queues of one codebase, then quiet: each change is fired on its own at once, the
 * messages stay hidden (longer than their visibility timeout) while the codebase is not yet quiet, then one set of
 * ten is fired, and every message is deleted once its observer returned.
 */
class ChangeSetBurstTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String PUSHES = SQS.createQueue("set-burst-pushes");
    static final String TAGS = SQS.createQueue("set-burst-tags");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class, ReceivedChanges.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.url", PUSHES)
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.pushes.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.queues.tags.url", TAGS)
            .overrideConfigKey("quarkus.sqs-changes.queues.tags.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.tags.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.tags.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "6s"));

    @Inject
    ReceivedSets sets;

    @Inject
    ReceivedChanges changes;

    @Inject
    MeterRegistry registry;

    @Test
    void aBurstBecomesOneSetWhoseMessagesAreDeletedAfterIt() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SQS.send(PUSHES, "push " + i);
            sent.add("push " + i);
        }
        for (int i = 0; i < 4; i++) {
            SQS.send(TAGS, "tag " + i);
            sent.add("tag " + i);
        }

        assertThat(changes.await(10)).as("each change fired on its own").hasSize(10);
        // past the 2 s visibility timeout, inside the 6 s quiet period: hidden by the heartbeat, not yet fired
        await().during(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(4))
                .until(() -> sets.all().isEmpty() && SQS.messagesInFlight(PUSHES) == 6
                        && SQS.messagesInFlight(TAGS) == 4);
        assertThat(registry.get("sqs.changes.messages.held").tag("queue", "pushes").gauge().value()).isEqualTo(6);

        List<ReceivedSets.Observed> fired = sets.awaitChanges(10);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).set().trigger()).isEqualTo(ChangeSet.Trigger.QUIET_PERIOD);
        assertThat(fired.get(0).set().codebase()).isEqualTo("models");
        assertThat(fired.get(0).bodies()).containsExactlyInAnyOrderElementsOf(sent);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> SQS.messagesOnQueue(PUSHES) == 0 && SQS.messagesOnQueue(TAGS) == 0);
        assertThat(changes.all()).as("no message came back while its set gathered").hasSize(10);

        assertThat(registry.get("sqs.changes.sets.fired").tag("codebase", "models").tag("trigger", "quiet_period")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("sqs.changes.sets.size").tag("codebase", "models").summary().totalAmount())
                .isEqualTo(10);
        assertThat(registry.get("sqs.changes.sets.gathering").tag("codebase", "models").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(6000);
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.get("sqs.changes.messages.held")
                .tag("queue", "pushes").gauge().value() == 0);
    }
}
