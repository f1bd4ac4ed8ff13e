package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts packaged applications ({@code java -jar target/quarkus-app/quarkus-run.jar}) with the same JVM flags, a
 * free HTTP port, and their SQS client pointed at a proxy route; configuration is passed as system properties.
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
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.sqs.endpoint-override", sqsEndpoint);
        properties.put("quarkus.sqs.aws.region", SqsClients.REGION);
        properties.put("quarkus.sqs.aws.credentials.type", "static");
        properties.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", SqsClients.KEY);
        properties.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key", SqsClients.KEY);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
