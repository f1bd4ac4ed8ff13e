package io.quarkiverse.sqschanges.runtime.polling;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.amazon.common.AmazonClient;
import io.quarkiverse.sqschanges.runtime.config.QueueSettings;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Finds the SQS client bean a queue uses: the default one, or a named one of the Amazon SQS extension.
 */
public final class SqsClients {

    private SqsClients() {
    }

    /**
     * @param problems receives a message naming the property if the named client does not exist
     * @return the client, or empty if it does not exist
     */
    public static Optional<SqsAsyncClient> forQueue(QueueSettings queue, List<String> problems) {
        InstanceHandle<SqsAsyncClient> handle = queue.client()
                .map(name -> Arc.container().instance(SqsAsyncClient.class, new AmazonClient.AmazonClientLiteral(name)))
                .orElseGet(() -> Arc.container().instance(SqsAsyncClient.class));
        if (handle.isAvailable()) {
            return Optional.of(handle.get());
        }
        problems.add(queue.client()
                .map(name -> queue.property("client") + " names the SQS client '" + name + "', which was not built."
                        + " The property is fixed at build time: rebuild the application after changing it, and"
                        + " configure the client under quarkus.sqs.\"" + name + "\".*")
                .orElse("No default SQS client is available for queue '" + queue.name() + "'; check that"
                        + " quarkus-amazon-sqs is on the class path"));
        return Optional.empty();
    }
}
