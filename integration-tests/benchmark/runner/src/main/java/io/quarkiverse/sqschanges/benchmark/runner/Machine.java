package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The machine the benchmark ran on, as the report describes it. */
record Machine(int processors, String cpu, double memoryGib, String java, String date) {

    static Machine describe() throws IOException, InterruptedException {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse("unknown CPU"),
                procLine("/proc/meminfo", "MemTotal").map(m -> Long.parseLong(m.replaceAll("[^0-9]", "")) / 1048576.0)
                        .orElse(Double.NaN),
                javaVersion(),
                ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
    }

    /** @return the value of the first line of a /proc file with that key */
    private static Optional<String> procLine(String file, String key) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    }

    /** @return what {@code java -version} prints for the JVM that runs the applications, on one line */
    private static String javaVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return String.join("; ", List.of(output.strip().split("\\R")));
    }
}
