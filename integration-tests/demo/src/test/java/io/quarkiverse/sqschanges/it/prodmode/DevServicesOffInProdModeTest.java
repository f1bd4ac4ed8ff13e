package io.quarkiverse.sqschanges.it.prodmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * In production mode the Dev Service never starts, even with no endpoint configured.
 */
class DevServicesOffInProdModeTest {

    static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusProdModeTest app = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addClasses(EndpointReporter.class))
            .setApplicationName("prod-mode")
            .setApplicationVersion("1")
            .overrideConfigKey("quarkus.sqs-changes.devservices.port", Integer.toString(PORT))
            .overrideConfigKey("quarkus.sqs.aws.region", "us-east-1")
            .overrideConfigKey("quarkus.sqs.aws.credentials.type", "static")
            .overrideConfigKey("quarkus.sqs.aws.credentials.static-provider.access-key-id", "test")
            .overrideConfigKey("quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test")
            .setRun(true);

    @Test
    void noEmbeddedServerIsStarted() {
        assertThat(app.getStartupConsoleOutput()).contains("Installed features").contains("sqs-changes");
        assertThat(isListening(PORT)).isFalse();
        // the application prints the endpoint it was given: none, since nothing was configured
        assertThat(app.getStartupConsoleOutput()).contains("sqs endpoint-override: none");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Singleton
    static class EndpointReporter {

        void report(@Observes StartupEvent event) {
            System.out.println("sqs endpoint-override: " + ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.sqs.endpoint-override", String.class).orElse("none"));
        }
    }
}
