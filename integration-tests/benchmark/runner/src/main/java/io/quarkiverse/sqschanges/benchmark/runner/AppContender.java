package io.quarkiverse.sqschanges.benchmark.runner;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An application with given queue settings.
 *
 * @param settings the settings of all its queues in the application's own terms, such as {@code concurrency=4}
 */
record AppContender(String name, int threads, App app, Map<String, String> settings, AppLauncher launcher)
        implements
            Contender {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public int measuredQueues(int rounds) {
        return app.measuredQueues(rounds);
    }

    @Override
    public Consumer start(List<Queue> measured, Queue warmup, String sqsEndpoint) throws Exception {
        Map<String, String> config = new HashMap<>(app.consuming(App.WARMUP, warmup, settings));
        for (int i = 0; i < measured.size(); i++) {
            config.putAll(app.consuming(app.measuredName(i + 1), measured.get(i), settings));
        }
        config.putAll(app.startPaused());
        AppProcess process = launcher.start(app, sqsEndpoint, config);
        try {
            process.awaitReady(STARTUP_TIMEOUT);
        } catch (Exception e) {
            process.close();
            throw e;
        }
        return new AppConsumer(process);
    }
}
