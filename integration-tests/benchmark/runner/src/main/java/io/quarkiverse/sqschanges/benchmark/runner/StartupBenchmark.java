package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the extension costs at startup: the plain application and the extension's (one idle queue) are started
 * in turn; each start is timed until HTTP answers, and its RSS read once it has idled a little.
 */
final class StartupBenchmark {

    private static final long IDLE_BEFORE_RSS_MILLIS = 2_000;

    private final Settings settings;
    private final QueueAdmin admin;
    private final CountingProxy proxy;
    private final AppLauncher launcher;

    StartupBenchmark(Settings settings, QueueAdmin admin, CountingProxy proxy, AppLauncher launcher) {
        this.settings = settings;
        this.admin = admin;
        this.proxy = proxy;
        this.launcher = launcher;
    }

    List<StartupResult> run() throws Exception {
        Queue queue = admin.create("startup");
        Map<App, List<Sample>> samples = new LinkedHashMap<>();
        try (ProxyRoute route = proxy.newRoute()) {
            for (int i = 1; i <= settings.startups(); i++) {
                for (App app : List.of(App.PLAIN, App.CHANGES)) {
                    Map<String, String> config = app == App.PLAIN ? Map.of() : app.consuming(app.measuredName(1), queue, Map.of());
                    Sample sample = measure(app, route, config);
                    samples.computeIfAbsent(app, a -> new ArrayList<>()).add(sample);
                    System.out.printf("Startup %d/%d, %s: ready in %.0f ms (logged %.0f ms), RSS %.1f MiB%n", i,
                            settings.startups(), app.module(), sample.readyMillis(), sample.loggedMillis(),
                            sample.rssMegabytes());
                }
            }
        } finally {
            admin.delete(queue);
        }
        return samples.entrySet().stream().map(e -> new StartupResult(e.getKey(),
                Stats.median(e.getValue().stream().map(Sample::readyMillis).toList()),
                Stats.median(e.getValue().stream().map(Sample::loggedMillis).toList()),
                Stats.median(e.getValue().stream().map(Sample::rssMegabytes).toList()))).toList();
    }

    private Sample measure(App app, ProxyRoute route, Map<String, String> config) throws Exception {
        try (AppProcess process = launcher.start(app, route.endpoint(), config)) {
            double ready = process.awaitReady(AppContender.STARTUP_TIMEOUT).toNanos() / 1e6;
            Thread.sleep(IDLE_BEFORE_RSS_MILLIS);
            return new Sample(ready, process.loggedStartupMillis().orElse(Double.NaN), process.rssMegabytes());
        }
    }

    private record Sample(double readyMillis, double loggedMillis, double rssMegabytes) {
    }
}
