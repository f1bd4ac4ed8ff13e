package io.quarkiverse.sqschanges.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server started by the tests themselves, from the binaries of a Maven artifact (no server or container
 * to install; it runs as root too), on a loopback port, with a data directory that survives {@link #stop()} so that
 * {@link #start()} brings the same database back. The user is {@code postgres}, without a password.
 * <p>
 * {@link #shared} gives one server per name in the JVM, whatever the class loader: a Quarkus test class is
 * initialized twice, and both copies see the one server (through a JDK type: see {@link JvmShared}).
 */
public final class EmbeddedPostgresql extends DatabaseServer {

    private EmbeddedPostgresql(Function<String, String> server) {
        super(server);
    }

    /** @return the server under that name, started on first use */
    public static EmbeddedPostgresql shared(String name) {
        return new EmbeddedPostgresql(JvmShared.computeIfAbsent("sqs-changes.testkit.postgresql." + name,
                () -> new Server(FreePort.any()).start()));
    }

    /** @return a server of its own, started */
    public static EmbeddedPostgresql started() {
        return new EmbeddedPostgresql(new Server(FreePort.any()).start());
    }

    /** @return the JDBC URL of its {@code postgres} database */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    /** Commands, as a JDK type that every class loader's copy of this class can call. */
    private static final class Server implements Function<String, String> {

        private final int port;
        private final Path data;
        private EmbeddedPostgres postgres;

        Server(int port) {
            this.port = port;
            try {
                this.data = Files.createTempDirectory("sqs-changes-postgresql");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> apply("stop")));
        }

        Server start() {
            apply("start");
            return this;
        }

        @Override
        public synchronized String apply(String command) {
            try {
                switch (command) {
                    case "start" -> {
                        if (postgres == null) {
                            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                                    .setCleanDataDirectory(false).start();
                        }
                    }
                    case "stop" -> {
                        if (postgres != null) {
                            postgres.close();
                            postgres = null;
                        }
                    }
                    case "port" -> {
                        return Integer.toString(port);
                    }
                    default -> throw new IllegalArgumentException(command);
                }
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
