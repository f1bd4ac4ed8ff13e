package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged application running as a process of its own. Processes still running when the runner exits, even
 * on failure, are destroyed.
 */
final class AppProcess implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final long startNanos;
    private final Path log;
    private final AppHttp http;

    private AppProcess(Process process, long startNanos, Path log, int port) {
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
        this.http = new AppHttp(port);
    }

    static AppProcess start(List<String> command, int port, Path log) throws IOException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RUNNING.add(process);
        return new AppProcess(process, start, log, port);
    }

    /** @return the time from process start until it answered HTTP */
    Duration awaitReady(Duration timeout) throws Exception {
        long deadline = startNanos + timeout.toNanos();
        while (!http.answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The application did not answer within " + timeout + "; see " + log);
            }
            Thread.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    AppHttp http() {
        return http;
    }

    /** @return the startup time Quarkus logged ("started in 1.234s"), in milliseconds */
    OptionalDouble loggedStartupMillis() throws IOException {
        Matcher matcher = STARTED_IN.matcher(Files.readString(log));
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1)) * 1000) : OptionalDouble.empty();
    }

    /** @return the resident set size, VmRSS, in MiB */
    double rssMegabytes() throws IOException {
        return status("VmRSS:") / 1024.0;
    }

    /** @return the process's live threads, all of them (JVM threads included) */
    int threads() throws IOException {
        return (int) status("Threads:");
    }

    private long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("No " + key + " for process " + process.pid());
    }

    /** @return the CPU time the process has used so far, user and system, of all its threads, in nanoseconds */
    long cpuNanos() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("No CPU time for process " + process.pid())).toNanos();
    }

    /** Runs a full garbage collection in the application ({@code jcmd <pid> GC.run}) and waits for it. */
    void fullGc() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed for process " + process.pid());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }
}
