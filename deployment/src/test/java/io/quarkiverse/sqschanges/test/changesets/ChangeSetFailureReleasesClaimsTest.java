package io.quarkiverse.sqschanges.test.changesets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.test.ReceivedChanges;
import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code deduplicate=true}, a failed set releases the claims of all its messages: when they come back, each
 * change is fired again (not left on the queue as a copy in flight) and gathered into the next sets; once these are
 * handled, the messages are deleted.
 */
class ChangeSetFailureReleasesClaimsTest {

    static final EmbeddedSqs SQS = EmbeddedSqs.shared();
    static final String QUEUE = SQS.createQueue("set-failure-claims");

    @RegisterExtension
    static final QuarkusUnitTest app = SQS.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReceivedSets.class, ReceivedChanges.class, FailedSetScenario.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.url", QUEUE)
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.codebase", "models")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.deduplicate", "true")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.wait-time", "1s")
            .overrideConfigKey("quarkus.sqs-changes.queues.builds.visibility-timeout", "2s")
            .overrideConfigKey("quarkus.sqs-changes.change-sets.models.quiet-period", "1s"));

    @Inject
    ReceivedSets sets;

    @Inject
    ReceivedChanges changes;

    @Test
    void everyMessageOfAFailedSetIsFiredAndGatheredAgain() {
        // each change fired again, not skipped as a copy in flight: its claim was released with the set
        FailedSetScenario.failOnceThenHandle(SQS, QUEUE, sets, changes);
    }
}
