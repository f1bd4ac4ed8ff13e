package io.quarkiverse.sqschanges.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkiverse.sqschanges.testkit.EmbeddedSqs;

/**
 * Checks the guide's promise that {@code @QuarkusTest} classes with the same configuration share one application,
 * and so one Dev Service server: each class records the SQS endpoint it sees in a system property (shared by the
 * class loaders of all applications of the JVM), and the class that runs second compares.
 */
final class SharedDevService {

    private static final String PROPERTY = "sqs-changes.test.endpoint.";

    private SharedDevService() {
    }

    /**
     * Call inside a test method of {@code self}: records the running application's SQS endpoint and, if
     * {@code other} has already recorded its own, asserts that both are the same.
     */
    static void assertSameServerAs(Class<?> self, Class<?> other) {
        String endpoint = EmbeddedSqs.devService().endpoint();
        assertThat(endpoint).as("the Dev Service's endpoint").startsWith("http://127.0.0.1:");
        System.setProperty(PROPERTY + self.getName(), endpoint);
        String seenByOther = System.getProperty(PROPERTY + other.getName());
        if (seenByOther != null) {
            assertThat(endpoint).as("SQS endpoint of %s, the same configuration as %s", self.getSimpleName(),
                    other.getSimpleName()).isEqualTo(seenByOther);
        }
    }
}
