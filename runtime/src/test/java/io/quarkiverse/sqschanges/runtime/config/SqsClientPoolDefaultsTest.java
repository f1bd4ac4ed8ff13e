package io.quarkiverse.sqschanges.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class SqsClientPoolDefaultsTest {

    @Test
    void noQueueKeepsTheSdkDefault() {
        SmallRyeConfig config = config(Map.of(), Map.of());

        assertThat(maxConcurrency(config)).isEqualTo(50);
        assertThat(config.getConfigValue(SqsClientPool.MAX_CONCURRENCY).getConfigSourceName())
                .isEqualTo(SqsClientPoolDefaults.SOURCE_NAME);
    }

    @Test
    void twoConnectionsPerReceiveLoopOfEveryEnabledQueue() {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            properties.put("quarkus.sqs-changes.queues.q" + i + ".queue-name", "q" + i);
        }
        properties.put("quarkus.sqs-changes.queues.busy.url", "http://localhost/1/busy");
        properties.put("quarkus.sqs-changes.queues.busy.concurrency", "10");
        properties.put("quarkus.sqs-changes.queues.\"events.fifo\".url", "http://localhost/1/events.fifo");
        properties.put("quarkus.sqs-changes.queues.\"events.fifo\".concurrency", "4");
        properties.put("quarkus.sqs-changes.queues.off.queue-name", "off");
        properties.put("quarkus.sqs-changes.queues.off.enabled", "false");
        properties.put("quarkus.sqs-changes.queues.off.concurrency", "50");
        // no url nor queue-name: not a queue (startup fails on it anyway)
        properties.put("quarkus.sqs-changes.queues.nameless.concurrency", "50");

        SmallRyeConfig config = config(properties, Map.of());

        assertThat(maxConcurrency(config)).isEqualTo(2 * (20 + 10 + 4));
        assertThat(config.getValue(SqsClientPool.CRT_MAX_CONCURRENCY, Integer.class)).isEqualTo(68);
    }

    @Test
    void queuesAndOverridesInEnvironmentVariablesCount() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.sqs-changes.queues.builds.queue-name", "builds");
        properties.put("quarkus.sqs-changes.queues.\"events.fifo\".url", "http://localhost/1/events.fifo");
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_SQS_CHANGES_QUEUES_BUILDS_CONCURRENCY", "20");
        env.put("QUARKUS_SQS_CHANGES_QUEUES__EVENTS_FIFO__CONCURRENCY", "5");
        env.put("QUARKUS_SQS_CHANGES_QUEUES_MODELS_QUEUE_NAME", "models");
        env.put("QUARKUS_SQS_CHANGES_QUEUES_MODELS_CONCURRENCY", "10");
        env.put("QUARKUS_SQS_CHANGES_QUEUES_OLD_URL", "http://localhost/1/old");
        env.put("QUARKUS_SQS_CHANGES_QUEUES_OLD_ENABLED", "false");

        assertThat(maxConcurrency(config(properties, env))).isEqualTo(2 * (20 + 5 + 10));
    }

    @Test
    void onlyTheActiveProfileCounts() {
        Map<String, String> properties = new HashMap<>();
        properties.put("%test.quarkus.sqs-changes.queues.tested.queue-name", "tested");
        properties.put("%test.quarkus.sqs-changes.queues.tested.concurrency", "30");
        properties.put("%prod.quarkus.sqs-changes.queues.produced.queue-name", "produced");
        properties.put("%prod.quarkus.sqs-changes.queues.produced.concurrency", "50");
        properties.put("quarkus.sqs-changes.queues.both.queue-name", "both");
        properties.put("%test.quarkus.sqs-changes.queues.both.concurrency", "5");
        properties.put("%prod.quarkus.sqs-changes.queues.both.concurrency", "50");

        assertThat(maxConcurrency(config(properties, Map.of()))).isEqualTo(2 * (30 + 5));
    }

    @Test
    void valuesStartupRefusesDoNotBreakTheCount() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.sqs-changes.queues.a.queue-name", "a");
        properties.put("quarkus.sqs-changes.queues.a.concurrency", "many");
        properties.put("quarkus.sqs-changes.queues.b.queue-name", "b");
        properties.put("quarkus.sqs-changes.queues.b.concurrency", "-3");
        properties.put("quarkus.sqs-changes.queues.b.enabled", "ja");
        properties.put("quarkus.sqs-changes.queues.c.queue-name", "c");
        properties.put("quarkus.sqs-changes.queues.c.concurrency", "30");
        properties.put("quarkus.sqs-changes.queues.c.enabled", "YES");

        assertThat(maxConcurrency(config(properties, Map.of()))).isEqualTo(2 * (1 + 30));
    }

    @Test
    void theApplicationsValueWins() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.sqs-changes.queues.busy.queue-name", "busy");
        properties.put("quarkus.sqs-changes.queues.busy.concurrency", "50");
        properties.put(SqsClientPool.MAX_CONCURRENCY, "20");

        SmallRyeConfig config = config(properties, Map.of(SqsClientPool.CRT_MAX_CONCURRENCY.toUpperCase()
                .replace('.', '_').replace('-', '_'), "30"));

        assertThat(maxConcurrency(config)).isEqualTo(20);
        assertThat(config.getValue(SqsClientPool.CRT_MAX_CONCURRENCY, Integer.class)).isEqualTo(30);
    }

    @Test
    void theClientTypeNamesTheProperty() {
        assertThat(SqsClientPool.maxConcurrencyProperty(config(Map.of(), Map.of())))
                .isEqualTo(SqsClientPool.MAX_CONCURRENCY);
        assertThat(SqsClientPool.maxConcurrencyProperty(config(Map.of("quarkus.sqs.async-client.type", "netty"),
                Map.of()))).isEqualTo(SqsClientPool.MAX_CONCURRENCY);
        assertThat(SqsClientPool.maxConcurrencyProperty(config(Map.of("quarkus.sqs.async-client.type", "aws-crt"),
                Map.of()))).isEqualTo(SqsClientPool.CRT_MAX_CONCURRENCY);
    }

    /** Like an application's: application.properties, environment variables, and the extension's defaults. */
    private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withProfile("test")
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(env, 300))
                .withDefaultValue(SqsClientPool.MAX_CONCURRENCY, "50")
                .withSources(new SqsClientPoolDefaults())
                .build();
    }

    private static int maxConcurrency(SmallRyeConfig config) {
        return config.getValue(SqsClientPool.MAX_CONCURRENCY, Integer.class);
    }
}
