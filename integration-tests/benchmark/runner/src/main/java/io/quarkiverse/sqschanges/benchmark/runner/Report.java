package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.quarkiverse.sqschanges.testkit.SqsRequest;

/** The results as Markdown, each target's verdict next to its figure. */
final class Report {

    private final Settings settings;
    private final Machine machine;
    private final List<DrainResult> drains;
    private final List<DrainResult> latencyDrains;
    private final Optional<BurstBenchmark.Result> burst;
    private final List<PickupResult> pickups;
    private final List<StartupResult> startups;
    private final List<ManyQueuesResult> manyQueues;
    private final Duration elapsed;
    private final StringBuilder out = new StringBuilder();
    /** Every target's verdict, for the summary: section, target with its figure, verdict. */
    private final List<String[]> verdicts = new ArrayList<>();
    private String section = "";

    Report(Settings settings, Machine machine, DrainBenchmark.Results drains, Optional<BurstBenchmark.Result> burst,
            List<PickupResult> pickups, List<StartupResult> startups, List<ManyQueuesResult> manyQueues,
            Duration elapsed) {
        this.settings = settings;
        this.machine = machine;
        this.drains = drains.loopback();
        this.latencyDrains = drains.latency();
        this.burst = burst;
        this.pickups = pickups;
        this.startups = startups;
        this.manyQueues = manyQueues;
        this.elapsed = elapsed;
    }

    String markdown() {
        header();
        if (!drains.isEmpty()) {
            drainTable();
        }
        if (!latencyDrains.isEmpty()) {
            latencyTable();
        }
        burst.ifPresent(this::burstTable);
        if (!pickups.isEmpty()) {
            idleTable();
        }
        if (!startups.isEmpty()) {
            startupTable();
        }
        if (!manyQueues.isEmpty()) {
            manyQueuesTable();
        }
        summary();
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
        line("- Run time %d:%02d; sections: %s", elapsed.toMinutes(), elapsed.toSecondsPart(), Settings.SECTIONS.stream()
                .filter(settings::runs).collect(Collectors.joining(", ")));
        if (!drains.isEmpty()) {
            line("- Drain: %d messages a round, %d rounds, contenders alternating, each warmed up first with %d"
                    + " messages; medians. CPU is each contender's own process (user + system, all its threads, JIT and"
                    + " GC included) from resuming until the last message was deleted", settings.messages(),
                    settings.rounds(), settings.warmupMessages());
        }
        if (!latencyDrains.isEmpty()) {
            line("- Under latency: the proxy holds each answer for a log-normal delay, median %d ms, p99 %d ms (the"
                    + " same sequence of delays for every contender); a long poll still returns as soon as a message"
                    + " arrives, that much later. %d messages a round (the SmallRye connector %d), %d rounds, the same"
                    + " warmed-up contenders", settings.latencyMedian().toMillis(), settings.latencyP99().toMillis(),
                    settings.latencyMessages(), settings.latencyMessages() / DrainBenchmark.SMALLRYE_LATENCY_SHARE,
                    settings.latencyRounds());
        }
        line("");
    }

    private void drainTable() {
        section = "drain (loopback)";
        line("## Drain throughput, requests and CPU (loopback)");
        line("");
        drainRows(drains, this::drainTargets);
        requestsByAction(drains);
    }

    private void drainRows(List<DrainResult> results, BiFunction<DrainResult, Double, String> targets) {
        line("| contender | threads | msgs/s (median) | rounds | vs raw | CPU s / 10k msgs | CPU vs raw | requests/msg"
                + " | receives/msg | deletes/msg | targets |");
        line("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|");
        for (DrainResult r : results) {
            double requests = r.perMessage(r.requests().total());
            int threads = r.contender().threads();
            line("| %s | %d | %.0f | %s | %s | %.2f | %s | %.3f | %.3f | %.3f | %s |", r.contender().name(),
                    threads, r.median(),
                    r.rates().stream().map(rate -> format("%.0f", rate)).collect(Collectors.joining(", ")),
                    ratio(r.median(), median(results, threads, DrainResult::isRaw)), r.cpuSecondsPer10k(),
                    ratio(r.cpuSecondsPer10k(), cpu(results, threads, DrainResult::isRaw)), requests,
                    r.perMessage(r.requests().of(SqsRequest.RECEIVE)),
                    r.perMessage(r.requests().of("DeleteMessage", "DeleteMessageBatch")),
                    r.is(App.CHANGES) ? targets.apply(r, requests) : "");
        }
        line("");
    }

    private void requestsByAction(List<DrainResult> results) {
        line("Requests by action, all rounds:");
        line("");
        for (DrainResult r : results) {
            line("- %s x%d: %s%s", r.contender().name(), r.contender().threads(), r.requests(), r.early() == 0 ? ""
                    : format("; %d messages received while paused, before the clock started", r.early()));
        }
        line("");
    }

    private String drainTargets(DrainResult r, double requestsPerMessage) {
        int threads = r.contender().threads();
        Optional<Double> raw = median(drains, threads, DrainResult::isRaw);
        Optional<Double> smallRye = median(drains, threads, d -> d.is(App.SMALLRYE));
        Optional<Double> rawCpu = cpu(drains, threads, DrainResult::isRaw);
        String at = " (x" + threads + ")";
        return String.join("; ",
                target("≥ 0.9 × raw " + ratio(r.median(), raw) + at, r.median() >= 0.9 * raw.orElse(0.0)),
                target("≥ 2 × SmallRye " + ratio(r.median(), smallRye) + at,
                        r.median() >= 2 * smallRye.orElse(0.0)),
                target("CPU ≤ 1.2 × raw " + ratio(r.cpuSecondsPer10k(), rawCpu) + at,
                        r.cpuSecondsPer10k() <= 1.2 * rawCpu.orElse(0.0)),
                target(format("≤ 0.22 requests/msg (%.3f)", requestsPerMessage) + at, requestsPerMessage <= 0.22));
    }

    private void latencyTable() {
        section = "drain under latency";
        line("## Drain under latency (median %d ms, p99 %d ms a request)", settings.latencyMedian().toMillis(),
                settings.latencyP99().toMillis());
        line("");
        drainRows(latencyDrains, this::latencyTargets);
        latencyDrains.stream().filter(r -> r.is(App.CHANGES) && r.contender().threads() > 1).findFirst()
                .ifPresent(tuned -> median(latencyDrains, 1, d -> d.is(App.CHANGES)).ifPresent(one -> line(
                        "Scaling: the extension with %d loops drained %.2f× as fast as with one loop, on %d cores"
                                + " shared with the server, the proxy and the runner.",
                        tuned.contender().threads(), tuned.median() / one, machine.processors())));
        line("");
        requestsByAction(latencyDrains);
    }

    private String latencyTargets(DrainResult r, double requestsPerMessage) {
        int threads = r.contender().threads();
        Optional<Double> raw = median(latencyDrains, threads, DrainResult::isRaw);
        Optional<Double> smallRye = median(latencyDrains, threads, d -> d.is(App.SMALLRYE));
        String at = " (x" + threads + ")";
        List<String> targets = new ArrayList<>();
        if (threads == 1) {
            // ten messages a batch, one batch per median round trip: what one loop waiting on each receive reaches
            double limit = 10 * 1000.0 / settings.latencyMedian().toMillis();
            targets.add(target(format("≥ 0.9 × 10 msgs per median round trip = %.0f msgs/s (%.0f)", 0.9 * limit,
                    r.median()), r.median() >= 0.9 * limit));
            targets.add(target("≥ 1.8 × raw " + ratio(r.median(), raw) + at, r.median() >= 1.8 * raw.orElse(0.0)));
        }
        targets.add(target("≥ 3 × SmallRye " + ratio(r.median(), smallRye) + at,
                r.median() >= 3 * smallRye.orElse(0.0)));
        Optional<Double> rawCpu = cpu(latencyDrains, threads, DrainResult::isRaw);
        targets.add(target("CPU ≤ 1.2 × raw " + ratio(r.cpuSecondsPer10k(), rawCpu) + at,
                r.cpuSecondsPer10k() <= 1.2 * rawCpu.orElse(0.0)));
        targets.add(target(format("≤ 0.22 requests/msg (%.3f)", requestsPerMessage) + at,
                requestsPerMessage <= 0.22));
        return String.join("; ", targets);
    }

    private static Optional<Double> median(List<DrainResult> results, int threads, Predicate<DrainResult> kind) {
        return results.stream().filter(kind).filter(d -> d.contender().threads() == threads).findFirst()
                .map(DrainResult::median);
    }

    private static Optional<Double> cpu(List<DrainResult> results, int threads, Predicate<DrainResult> kind) {
        return results.stream().filter(kind).filter(d -> d.contender().threads() == threads).findFirst()
                .map(DrainResult::cpuSecondsPer10k);
    }

    private void burstTable(BurstBenchmark.Result result) {
        section = "burst after a trickle";
        int loops = result.contender().threads();
        line("## Burst after a trickle: elastic receive loops (the extension, concurrency=%d, under latency)", loops);
        line("");
        line("%s on one queue, through the latency model (median %d ms, p99 %d ms a request), where one loop drains a"
                + " fraction of what %d drain, so that a burst left to fewer loops takes longer (on loopback the CPU"
                + " bounds one loop and %d alike, and would hide it). *Backlog at start*: %d messages sent to the"
                + " paused queue, timed from resuming until the last is observed and deleted. *Burst after a trickle*:"
                + " the queue resumed empty, one message every %.1f to %.1f s for %d s (with a %d s long poll, a loop"
                + " that gets nothing for that long ends meanwhile), then the same %d messages delivered at once,"
                + " timed from their delivery until the last is observed and deleted. The runner sends the burst"
                + " during the trickle, %d messages a second with a delivery delay (`DelaySeconds`) a second shorter"
                + " each time, so that all of it is delivered together: sent at once, it would take the runner about"
                + " as long to send as the extension to drain it, and reach the consumer no faster. %d rounds, the"
                + " two cases alternating, after a warm-up of %d messages; medians.", result.contender().name(),
                settings.latencyMedian().toMillis(), settings.latencyP99().toMillis(), loops, loops,
                settings.burstMessages(), BurstBenchmark.TRICKLE_MIN_GAP_MILLIS / 1000.0,
                BurstBenchmark.TRICKLE_MAX_GAP_MILLIS / 1000.0, result.trickleSeconds(),
                BurstBenchmark.WAIT_TIME.toSeconds(), settings.burstMessages(), BurstBenchmark.SLICE_MESSAGES,
                settings.burstRounds(), settings.warmupMessages());
        line("");
        line("| case | drain ms (median) | rounds ms | msgs/s | CPU s / 10k msgs | requests/msg |");
        line("|---|---:|---|---:|---:|---:|");
        burstRow("backlog at start", result.atStart(), result.atStartMillis());
        burstRow("burst after a trickle", result.afterTrickle(), result.afterTrickleMillis());
        line("");
        line("Receive requests a second during the trickles (a loop makes about one a second while it waits, one more"
                + " for each message it gets; %d loops that never end make at least %d): %s.", loops, loops,
                result.trickleReceivesPerSecond().stream().map(r -> format("%.1f", r))
                        .collect(Collectors.joining(", ")));
        line("");
        line("Each burst was delivered within %s ms of its first message (the longest the runner took to send %d of"
                + " them), within its drain time.",
                result.spreadMillis().stream().map(m -> format("%.0f", m))
                        .collect(Collectors.joining(", ")),
                BurstBenchmark.SLICE_MESSAGES);
        line("");
        double ratio = result.afterTrickleMillis() / result.atStartMillis();
        line("Targets: %s", target(format("burst after a trickle ≤ 1.2 × backlog at start (%.2f×, x%d)", ratio, loops),
                ratio <= 1.2));
        line("");
    }

    private void burstRow(String label, List<Drain> drains, double medianMillis) {
        long messages = drains.stream().mapToLong(Drain::messages).sum();
        long cpu = drains.stream().mapToLong(Drain::cpuNanos).sum();
        long requests = drains.stream().mapToLong(d -> d.requests().total()).sum();
        line("| %s | %.0f | %s | %.0f | %.2f | %.3f |", label, medianMillis,
                drains.stream().map(d -> format("%.0f", d.nanos() / 1e6)).collect(Collectors.joining(", ")),
                Stats.median(drains.stream().map(Drain::rate).toList()), cpu / 1e9 * 10_000 / messages,
                (double) requests / messages);
    }

    private void idleTable() {
        section = "idle queue";
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
                    target("pickup p50 ≤ 2 × raw " + ratio(p.p50Millis(), raw.map(PickupResult::p50Millis)),
                            p.p50Millis() <= 2 * raw.map(PickupResult::p50Millis).orElse(0.0)),
                    target(format("≤ 3.1 idle receives/min (%.2f)", p.idleReceivesPerMinute()),
                            p.idleReceivesPerMinute() <= 3.1))
                    : "";
            line("| %s | %d | %.1f | %.1f | %s | %s | %.2f | %s |", p.contender().name(), p.contender().threads(),
                    p.p50Millis(), p.p99Millis(), ratio(p.p50Millis(), raw.map(PickupResult::p50Millis)),
                    ratio(p.p99Millis(), raw.map(PickupResult::p99Millis)), p.idleReceivesPerMinute(), targets);
        }
        line("");
    }

    private void startupTable() {
        section = "startup and memory";
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
        line("Targets: %s; %s", target(format("adds ≤ 100 ms to startup (%+.0f ms)", startup), startup <= 100),
                target(format("adds ≤ 20 MB RSS (%+.1f MB)", rss), rss <= 20));
        line("");
    }

    private void manyQueuesTable() {
        section = "many queues";
        line("## Many queues: the extension's application with one busy queue and 0 to %d idle ones",
                manyQueues.get(manyQueues.size() - 1).idleQueues());
        line("");
        line("Each started once; idle for %d s after a warm-up of %d messages, then its busy queue drains %d messages"
                + " (loopback, no latency).", settings.manyQueuesIdle().toSeconds(), settings.warmupMessages(),
                settings.manyQueuesMessages());
        line("");
        line("| idle queues | ready ms | Quarkus \"started in\" ms | RSS after a full GC MB | live threads"
                + " | idle CPU ms/min | idle receives/min per queue | connections open | busy drain ms"
                + " | drain vs alone |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        ManyQueuesResult alone = manyQueues.get(0);
        for (ManyQueuesResult r : manyQueues) {
            line("| %d | %.0f | %.0f | %.1f | %d | %.0f | %s | %d | %.0f | %.2f× |", r.idleQueues(), r.readyMillis(),
                    r.loggedMillis(), r.rssAfterGcMegabytes(), r.threads(), r.idleCpuMillisPerMinute(),
                    r.idleQueues() == 0 ? "" : format("%.2f", r.idleReceivesPerMinutePerQueue()),
                    r.openConnections(), r.drainMillis(), r.drainMillis() / alone.drainMillis());
        }
        line("");
        ManyQueuesResult most = manyQueues.get(manyQueues.size() - 1);
        double kbPerQueue = (most.rssAfterGcMegabytes() - alone.rssAfterGcMegabytes()) * 1024 / most.idleQueues();
        List<String> targets = new ArrayList<>();
        targets.add(target(format("threads do not grow with queues (%d alone, %d with %d idle)", alone.threads(),
                most.threads(), most.idleQueues()), most.threads() <= alone.threads() + 2));
        targets.add(target(format("RSS ≤ +100 KB per idle queue (%+.0f KB)", kbPerQueue), kbPerQueue <= 100));
        for (ManyQueuesResult r : manyQueues.subList(1, manyQueues.size())) {
            targets.add(target(format("about 3 idle receives/min per queue (%.2f with %d)",
                    r.idleReceivesPerMinutePerQueue(), r.idleQueues()), r.idleReceivesPerMinutePerQueue() <= 3.3));
        }
        for (ManyQueuesResult r : manyQueues.subList(1, manyQueues.size())) {
            targets.add(target(format("busy drain ≤ 1.2 × alone (%.2f× with %d)", r.drainMillis() / alone.drainMillis(),
                    r.idleQueues()), r.drainMillis() <= 1.2 * alone.drainMillis()));
        }
        line("Targets: %s", String.join("; ", targets));
        line("");
    }

    private void summary() {
        line("## Every target");
        line("");
        line("| section | target (figure) | verdict |");
        line("|---|---|---|");
        for (String[] verdict : verdicts) {
            line("| %s | %s | %s |", verdict[0], verdict[1], verdict[2]);
        }
        line("");
        long missed = verdicts.stream().filter(v -> !v[2].equals("pass")).count();
        line("%d of %d targets met.", verdicts.size() - missed, verdicts.size());
    }

    private StartupResult startup(String label) {
        return startups.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    private static String ratio(double value, Optional<Double> reference) {
        return reference.map(r -> format("%.2f×", value / r)).orElse("");
    }

    private String target(String label, boolean pass) {
        String verdict = pass ? "pass" : "**miss**";
        verdicts.add(new String[] { section, label, verdict });
        return label + ": " + verdict;
    }

    private void line(String format, Object... args) {
        out.append(format(format, args)).append('\n');
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
