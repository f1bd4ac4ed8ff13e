package io.quarkiverse.sqschanges.testkit;

import java.util.function.Function;

/**
 * A database server the tests start themselves, seen through the commands its JVM-wide instance answers ({@code port},
 * {@code stop}, {@code start}, and whatever a kind of server adds): a JDK type, so that every class loader's copy of
 * a test reaches the one server (see {@link JvmShared}).
 */
public abstract class DatabaseServer {

    private final Function<String, String> server;

    DatabaseServer(Function<String, String> server) {
        this.server = server;
    }

    /** @return the loopback port the server listens on */
    final int port() {
        return Integer.parseInt(server.apply("port"));
    }

    /** Sends a command to the server. */
    final void command(String command) {
        server.apply(command);
    }

    /** Stops the server (as a database outage would); its data stays. */
    public void stop() {
        command("stop");
    }

    /** Starts the server again on the same port, with the same data. */
    public void start() {
        command("start");
    }
}
