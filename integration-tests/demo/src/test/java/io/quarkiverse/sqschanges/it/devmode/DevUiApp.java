package io.quarkiverse.sqschanges.it.devmode;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import io.quarkiverse.sqschanges.it.CommandMapper;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The dev-mode application of the Dev UI tests: a raw queue with a mapper ({@code commands}), a JSON queue with its
 * own codebase ({@code models}, codebase {@code ml}, whose changes are gathered into change sets) and a disabled queue
 * ({@code parked}).
 */
final class DevUiApp {

    private DevUiApp() {
    }

    static QuarkusDevModeTest create() {
        return new QuarkusDevModeTest()
                .withApplicationRoot(jar -> jar.addClasses(CommandMapper.class)
                        .addAsResource(new StringAsset(String.join("\n",
                                "quarkus.sqs-changes.queues.commands.queue-name=commands",
                                "quarkus.sqs-changes.queues.commands.wait-time=1s",
                                "quarkus.sqs-changes.queues.models.queue-name=models",
                                "quarkus.sqs-changes.queues.models.format=json",
                                "quarkus.sqs-changes.queues.models.codebase=ml",
                                "quarkus.sqs-changes.queues.models.wait-time=1s",
                                "quarkus.sqs-changes.change-sets.ml.quiet-period=5s",
                                "quarkus.sqs-changes.queues.parked.queue-name=parked",
                                "quarkus.sqs-changes.queues.parked.enabled=false",
                                "")), "application.properties"));
    }
}
