package io.quarkiverse.sqschanges.test.changesets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The observer of a set fails: every message of the set is kept and delivered again; their changes are fired again
 * and gathered into the next sets (one, unless the messages come back apart); once handled, they are deleted.
 */
class ChangeSetFailureTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-failure");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class, ReceivedChanges.class, FailedSetScenario.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s"));

    @Inject
    ReceivedSets sets;

    @Inject
    ReceivedChanges changes;

    @Test
    void aFailedSetIsDeliveredAgainWhole() {
        FailedSetScenario.failOnceThenHandle(SQS, QUEUE, sets, changes);
    }
}
