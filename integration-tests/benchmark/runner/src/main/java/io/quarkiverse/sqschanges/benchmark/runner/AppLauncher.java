package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.sqschanges.testkit.FreePort;
import io.quarkiverse.sqschanges.testkit.SqsClients;

/**
 * Starts packaged applications ({@code java -jar target/quarkus-app/quarkus-run.jar}) with the same JVM flags, a
 * free HTTP port, and their SQS client pointed at a proxy; configuration is passed as system properties.
 */
final class AppLauncher {

    private final Settings settings;
    private final AtomicInteger started = new AtomicInteger();

    AppLauncher(Settings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.logs());
    }

    /**
     * @param config the application's own configuration, such as the queue it consumes
     */
    AppProcess start(App app, String sqsEndpoint, Map<String, String> config) throws IOException {
        Path jar = settings.jar(app.module());
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; package the benchmark applications first");
        }
        int port = FreePort.any();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.putAll(SqsClients.config(sqsEndpoint));
        properties.putAll(config);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(settings.appHeap().trim().split("\\s+")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = settings.logs().resolve(started.incrementAndGet() + "-" + app.module() + ".log");
        return AppProcess.start(command, port, log);
    }
}
