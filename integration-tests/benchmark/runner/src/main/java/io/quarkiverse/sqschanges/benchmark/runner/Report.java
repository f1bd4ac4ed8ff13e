package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.quarkiverse.sqschanges.testkit.SqsRequest;

/** The results as Markdown, each target's verdict next to its figure. */
final class Report {

    private final Settings settings;
    private final Machine machine;
    private final List<DrainResult> drains;
    private final List<PickupResult> pickups;
    private final List<StartupResult> startups;
    private final Duration elapsed;
    private final StringBuilder out = new StringBuilder();

    Report(Settings settings, Machine machine, List<DrainResult> drains, List<PickupResult> pickups,
            List<StartupResult> startups, Duration elapsed) {
        this.settings = settings;
        this.machine = machine;
        this.drains = drains;
        this.pickups = pickups;
        this.startups = startups;
        this.elapsed = elapsed;
    }

    String markdown() {
        header();
        drainTable();
        idleTable();
        startupTable();
        return out.toString();
    }

    private void header() {
        line("# SQS consumption benchmark: quarkus-sqs-changes, the raw AWS SDK, the SmallRye SQS connector");
        line("");
        line("- Machine: %d CPUs (%s), %.1f GiB memory; %s; %s", machine.processors(), machine.cpu(),
                machine.memoryGib(), machine.java(), machine.date());
        line("- Setup: one ElasticMQ on loopback in the runner's JVM; every contender's SQS requests go through one"
                + " request-counting proxy; every contender, the raw SDK loop included, is an application of its own, run as"
                + " `java %s -jar quarkus-run.jar`", settings.appHeap());
        line("- Drain: %d messages a round, %d rounds, contenders alternating, each warmed up first with %d messages;"
                + " medians. Run time %d:%02d", settings.messages(), settings.rounds(), settings.warmupMessages(),
                elapsed.toMinutes(), elapsed.toSecondsPart());
        line("");
    }

    private void drainTable() {
        line("## Drain throughput and requests");
        line("");
        line("| contender | threads | msgs/s (median) | rounds | vs raw | requests/msg | receives/msg | deletes/msg"
                + " | targets |");
        line("|---|---:|---:|---|---:|---:|---:|---:|---|");
        for (DrainResult r : drains) {
            double requests = r.perMessage(r.requests().total());
            line("| %s | %d | %.0f | %s | %s | %.3f | %.3f | %.3f | %s |", r.contender().name(),
                    r.contender().threads(), r.median(),
                    r.rates().stream().map(rate -> format("%.0f", rate)).collect(Collectors.joining(", ")),
                    ratio(r.median(), drainMedian(r.contender().threads(), DrainResult::isRaw)), requests,
                    r.perMessage(r.requests().of(SqsRequest.RECEIVE)),
                    r.perMessage(r.requests().of("DeleteMessage", "DeleteMessageBatch")),
                    r.is(App.CHANGES) ? drainTargets(r, requests) : "");
        }
        line("");
        line("Requests by action, all rounds:");
        line("");
        for (DrainResult r : drains) {
            line("- %s x%d: %s%s", r.contender().name(), r.contender().threads(), r.requests(), r.early() == 0 ? ""
                    : format("; %d messages received while paused, before the clock started", r.early()));
        }
        line("");
    }

    private String drainTargets(DrainResult r, double requestsPerMessage) {
        int threads = r.contender().threads();
        return String.join("; ",
                target("≥ 0.9 × raw", r.median() >= 0.9 * drainMedian(threads, DrainResult::isRaw).orElse(0.0)),
                target("≥ 2 × SmallRye " + ratio(r.median(), drainMedian(threads, d -> d.is(App.SMALLRYE))),
                        r.median() >= 2 * drainMedian(threads, d -> d.is(App.SMALLRYE)).orElse(0.0)),
                target("≤ 0.22 requests/msg", requestsPerMessage <= 0.22));
    }

    private Optional<Double> drainMedian(int threads, Predicate<DrainResult> kind) {
        return drains.stream().filter(kind).filter(d -> d.contender().threads() == threads).findFirst()
                .map(DrainResult::median);
    }

    private void idleTable() {
        line("## Idle queue: pickup latency (%d messages, 20-200 ms apart) and receive requests (%d s)",
                settings.pickups(), settings.idle().toSeconds());
        line("");
        line("| contender | threads | pickup p50 ms | pickup p99 ms | p50 vs raw | p99 vs raw | idle receives/min"
                + " | targets |");
        line("|---|---:|---:|---:|---:|---:|---:|---|");
        Optional<PickupResult> raw = pickups.stream()
                .filter(p -> p.is(App.RAW)).findFirst();
        for (PickupResult p : pickups) {
            boolean extension = p.is(App.CHANGES);
            String targets = extension ? String.join("; ",
                    target("p50 ≤ 2 × raw", p.p50Millis() <= 2 * raw.map(PickupResult::p50Millis).orElse(0.0)),
                    target("≤ 3.1 receives/min", p.idleReceivesPerMinute() <= 3.1)) : "";
            line("| %s | %d | %.1f | %.1f | %s | %s | %.2f | %s |", p.contender().name(), p.contender().threads(),
                    p.p50Millis(), p.p99Millis(), ratio(p.p50Millis(), raw.map(PickupResult::p50Millis)),
                    ratio(p.p99Millis(), raw.map(PickupResult::p99Millis)), p.idleReceivesPerMinute(), targets);
        }
        line("");
    }

    private void startupTable() {
        line("## Startup and memory (median of %d starts each, alternating)", settings.startups());
        line("");
        line("| application | ready ms (process start to HTTP answer) | Quarkus \"started in\" ms | RSS MB"
                + " | RSS after a full GC MB |");
        line("|---|---:|---:|---:|---:|");
        StartupResult idle = startup(StartupVariant.PLAIN_IDLE);
        StartupResult plain = startup(StartupVariant.PLAIN_REQUEST);
        StartupResult changes = startup(StartupVariant.EXTENSION);
        for (StartupResult result : List.of(idle, plain, changes)) {
            line("| %s | %.0f | %.0f | %.1f | %.1f |", result.label(), result.readyMillis(), result.loggedMillis(),
                    result.rssMegabytes(), result.rssAfterGcMegabytes());
        }
        double startup = changes.readyMillis() - plain.readyMillis();
        double rss = changes.rssMegabytes() - plain.rssMegabytes();
        line("| **the extension adds** (to the plain-app that makes one request) | %+.0f | %+.0f | %+.1f | %+.1f |",
                startup, changes.loggedMillis() - plain.loggedMillis(), rss,
                changes.rssAfterGcMegabytes() - plain.rssAfterGcMegabytes());
        line("| the extension and the SQS requests add (to the plain-app whose client is idle) | %+.0f | %+.0f"
                + " | %+.1f | %+.1f |", changes.readyMillis() - idle.readyMillis(),
                changes.loggedMillis() - idle.loggedMillis(), changes.rssMegabytes() - idle.rssMegabytes(),
                changes.rssAfterGcMegabytes() - idle.rssAfterGcMegabytes());
        line("");
        line("Targets: %s; %s", target("≤ 100 ms startup", startup <= 100), target("≤ 20 MB RSS", rss <= 20));
        line("");
    }

    private StartupResult startup(String label) {
        return startups.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    private static String ratio(double value, Optional<Double> reference) {
        return reference.map(r -> format("%.2f×", value / r)).orElse("");
    }

    private static String target(String label, boolean pass) {
        return label + ": " + (pass ? "pass" : "**miss**");
    }

    private void line(String format, Object... args) {
        out.append(format(format, args)).append('\n');
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
