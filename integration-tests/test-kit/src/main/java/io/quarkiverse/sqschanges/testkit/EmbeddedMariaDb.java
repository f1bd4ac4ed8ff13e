package io.quarkiverse.sqschanges.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A MariaDB server started by the tests themselves, from the machine's MariaDB binaries ({@code mariadbd},
 * {@code mariadb-install-db} and the {@code mariadb} client: Debian's package {@code mariadb-server}, which
 * {@code ./run-tests} installs when they are missing; no container), on a loopback port, with a data directory of
 * its own, created empty on first start. It runs as root too. The data survives {@link #stop()}, so that
 * {@link #start()} brings the same database back; {@link #close()} stops the server and deletes its directory. The
 * database is {@value #DATABASE}, its user {@value #USER} with the password {@value #PASSWORD}.
 * <p>
 * {@link #shared} gives one server per name in the JVM, whatever the class loader: a Quarkus test class is
 * initialized twice, and both copies see the one server (through a JDK type: see {@link JvmShared}).
 */
public final class EmbeddedMariaDb extends DatabaseServer implements AutoCloseable {

    /** The database the server is started with. */
    public static final String DATABASE = "sqs_changes";
    /** The user of {@link #DATABASE}, with every privilege on it. */
    public static final String USER = "sqs_changes";
    /** The password of {@link #USER}. */
    public static final String PASSWORD = "sqs_changes";

    private EmbeddedMariaDb(Function<String, String> server) {
        super(server);
    }

    /** @return the server under that name, started on first use */
    public static EmbeddedMariaDb shared(String name) {
        return new EmbeddedMariaDb(JvmShared.computeIfAbsent("sqs-changes.testkit.mariadb." + name,
                () -> new Server(FreePort.any()).start()));
    }

    /**
     * @return a server of its own, started
     * @throws IllegalStateException if MariaDB is not installed, naming the package to install, or does not start
     */
    public static EmbeddedMariaDb started() {
        return new EmbeddedMariaDb(new Server(FreePort.any()).start());
    }

    /** @return the JDBC URL of its {@value #DATABASE} database */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** @return the user of the database: {@value #USER} */
    public String user() {
        return USER;
    }

    /** @return the user's password: {@value #PASSWORD} */
    public String password() {
        return PASSWORD;
    }

    /** Stops the server and deletes its data; a JVM shutdown does it too. */
    @Override
    public void close() {
        command("close");
    }

    /** Commands, as a JDK type that every class loader's copy of this class can call. */
    private static final class Server implements Function<String, String> {

        private static final long START_SECONDS = 60;
        private static final long STOP_SECONDS = 30;

        private final int port;
        private final Path directory;
        private final Path data;
        private final Path socket;
        private final Path log;
        private Process mariadbd;
        private boolean closed;

        Server(int port) {
            this.port = port;
            try {
                this.directory = Files.createTempDirectory("sqs-changes-mariadb");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.data = directory.resolve("data");
            this.socket = directory.resolve("mariadb.sock");
            this.log = directory.resolve("mariadbd.log");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> apply("close")));
        }

        Server start() {
            try {
                apply("start");
            } catch (RuntimeException e) {
                apply("close");
                throw e;
            }
            return this;
        }

        @Override
        public synchronized String apply(String command) {
            try {
                switch (command) {
                    case "start" -> {
                        if (closed) {
                            throw new IllegalStateException("The MariaDB server was closed");
                        }
                        if (mariadbd == null) {
                            if (!Files.isDirectory(data)) {
                                install();
                            }
                            launch();
                        }
                    }
                    case "stop" -> shutDown();
                    case "close" -> {
                        shutDown();
                        closed = true;
                        delete(directory);
                    }
                    case "port" -> {
                        return Integer.toString(port);
                    }
                    default -> throw new IllegalArgumentException(command);
                }
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the MariaDB server started or stopped", e);
            }
        }

        /** Creates the system tables in an empty data directory; root has no password (auth "normal"). */
        private void install() throws IOException, InterruptedException {
            Path output = directory.resolve("install.log");
            List<String> command = new ArrayList<>(List.of(binary("mariadb-install-db"), "--no-defaults",
                    "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                    "--skip-name-resolve"));
            command.addAll(serverOptions());
            Process install = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!install.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db took longer than " + START_SECONDS + " s: "
                        + tail(output));
            }
            if (install.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed (exit " + install.exitValue() + "): "
                        + tail(output));
            }
        }

        /** Starts mariadbd, then creates the database and its user once it accepts connections. */
        private void launch() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(binary("mariadbd"), "--no-defaults", "--datadir=" + data,
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket,
                    "--pid-file=" + directory.resolve("mariadbd.pid"), "--skip-name-resolve", "--skip-log-bin"));
            command.addAll(serverOptions());
            mariadbd = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            String setUp = "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";"
                    + " CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                    + " GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'%';";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            Path output = directory.resolve("client.log");
            while (true) {
                // the client connects through the socket, as root: it fails until the server is ready
                Process client = new ProcessBuilder(binary("mariadb"), "--no-defaults", "--protocol=socket",
                        "--socket=" + socket, "--user=root", "--execute=" + setUp).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (client.waitFor(10, TimeUnit.SECONDS) && client.exitValue() == 0) {
                    return;
                }
                client.destroyForcibly();
                if (!mariadbd.isAlive()) {
                    mariadbd = null;
                    throw new IllegalStateException("mariadbd exited (" + String.join(" ", command) + "): "
                            + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    shutDown();
                    throw new IllegalStateException("mariadbd did not accept connections within " + START_SECONDS
                            + " s: " + tail(output) + "\n" + tail(log));
                }
                Thread.sleep(100);
            }
        }

        /** Running as root, mariadbd must be told to (it refuses otherwise); as another user, the option is moot. */
        private static List<String> serverOptions() {
            return List.of("--user=" + System.getProperty("user.name"), "--innodb-buffer-pool-size=64M",
                    "--innodb-log-file-size=16M");
        }

        /** A clean shutdown (SIGTERM), forced after a while. */
        private void shutDown() throws InterruptedException {
            if (mariadbd == null) {
                return;
            }
            mariadbd.destroy();
            if (!mariadbd.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                mariadbd.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
            mariadbd = null;
        }

        /** @return the path of a MariaDB program, from the PATH or the usual directories (sbin is often not on it) */
        private static String binary(String name) {
            List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "")
                    .split(File.pathSeparator)));
            directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"));
            for (String directory : directories) {
                if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                    return Path.of(directory, name).toString();
                }
            }
            throw new IllegalStateException("MariaDB is not installed: no " + name + " on the PATH nor in /usr/sbin."
                    + " The tests start a MariaDB server of their own from its binaries: install them with"
                    + " `apt-get install mariadb-server` (Debian, Ubuntu), which ./run-tests does when they are missing");
        }

        private static String tail(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }

        private static void delete(Path directory) throws IOException {
            if (!Files.exists(directory)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
