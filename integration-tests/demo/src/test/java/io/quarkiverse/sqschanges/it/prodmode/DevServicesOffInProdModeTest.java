package io.quarkiverse.sqschanges.it.prodmode;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.testkit.FreePort;
import io.quarkiverse.sqschanges.testkit.SqsClients;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * In production mode the Dev Service never starts, even with no endpoint configured.
 */
class DevServicesOffInProdModeTest {

    static final int PORT = FreePort.any();

    @RegisterExtension
    static final QuarkusProdModeTest app = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addClasses(EndpointReporter.class))
            .setApplicationName("prod-mode")
            .setApplicationVersion("1")
            .overrideConfigKey("quarkus.sqs-changes.devservices.port", Integer.toString(PORT))
            .setRun(true);

    static {
        // region and credentials, but no endpoint
        SqsClients.regionAndCredentials().forEach(app::overrideConfigKey);
    }

    @Test
    void noEmbeddedServerIsStarted() {
        assertThat(app.getStartupConsoleOutput()).contains("Installed features").contains("sqs-changes");
        assertThat(FreePort.isListening(PORT)).isFalse();
        // the application prints the endpoint it was given: none, since nothing was configured
        assertThat(app.getStartupConsoleOutput()).contains("sqs endpoint-override: none");
    }

    @Singleton
    static class EndpointReporter {

        void report(@Observes StartupEvent event) {
            System.out.println("sqs endpoint-override: " + ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.sqs.endpoint-override", String.class).orElse("none"));
        }
    }
}
