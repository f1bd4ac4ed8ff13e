package io.quarkiverse.sqschanges.runtime.config;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.QueueConfig;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Sizes the connection pool of the SQS async client for the receive loops of the configured queues, as a default:
 * {@link SqsClientPool#MAX_CONCURRENCY} and {@link SqsClientPool#CRT_MAX_CONCURRENCY} get
 * {@link SqsClientPool#defaultSize(int)} in a source whose ordinal is below every source an application writes, so
 * that a value the application sets wins.
 * <p>
 * The client is created before the extension's beans, from runtime configuration: the size is computed while the
 * configuration is built, from the queue properties as they are written ({@code enabled} and {@code concurrency} of
 * each queue that has a {@code url} or a {@code queue-name}, in dotted or environment variable form, profiles
 * applied), before they are mapped. A {@code concurrency} that is not a number counts as the default, one below 1 as
 * 1, and an {@code enabled} that is not a boolean as {@code false}: startup fails on them anyway.
 */
public final class SqsClientPoolDefaults implements ConfigSourceFactory {

    /** The name of the source, which tells the startup check that the extension sized the pool. */
    public static final String SOURCE_NAME = "SqsChangesClientPoolDefaults";

    /**
     * Above the {@code @WithDefault} values of the Amazon SQS extension ({@code Integer.MIN_VALUE}), below every
     * source that holds what the application sets: the runtime values Quarkus recorded from the build's
     * configuration (0), {@code META-INF/microprofile-config.properties} (100), {@code application.properties} (250),
     * {@code .env} (295), environment variables (300) and system properties (400).
     */
    public static final int ORDINAL = -100;

    private static final String DOTTED_PREFIX = ConfigNames.PREFIX + ".queues.";
    private static final String ENV_PREFIX = "QUARKUS_SQS_CHANGES_QUEUES_";
    /** A queue's {@code url} or {@code queue-name}, maybe under a profile: its queue exists in some profile. */
    private static final Pattern DOTTED_QUEUE = Pattern.compile(
            "(?:%[^.]+\\.)?" + Pattern.quote(DOTTED_PREFIX) + "(\"[^\"]+\"|[^.\"]+)\\.(?:url|queue-name)");
    private static final Pattern ENV_QUEUE = Pattern.compile(Pattern.quote(ENV_PREFIX) + "(.+)_(?:URL|QUEUE_NAME)");
    /** What SmallRye reads as {@code true}, ignoring case; any other word is {@code false}. */
    private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "y", "on");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String size = Integer.toString(SqsClientPool.defaultSize(loops(context)));
        return List.of(new PoolSize(Map.of(SqsClientPool.MAX_CONCURRENCY, size, SqsClientPool.CRT_MAX_CONCURRENCY,
                size)));
    }

    /** @return the receive loops of the enabled queues: the sum of their {@code concurrency} */
    static int loops(ConfigSourceContext context) {
        // a queue's properties by the environment variable form of its key, which both forms share
        Map<String, QueueProperties> queues = new TreeMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext();) {
            String name = names.next();
            Matcher dotted = DOTTED_QUEUE.matcher(name);
            Matcher env = ENV_QUEUE.matcher(name);
            if (dotted.matches()) {
                queues.put(envForm(dotted.group(1)), new QueueProperties(DOTTED_PREFIX + dotted.group(1) + ".", false));
            } else if (env.matches()) {
                queues.putIfAbsent(env.group(1), new QueueProperties(ENV_PREFIX + env.group(1) + "_", true));
            }
        }
        int loops = 0;
        for (QueueProperties queue : queues.values()) {
            if ((queue.has(context, "url") || queue.has(context, "queue-name"))
                    && TRUE_WORDS.contains(queue.value(context, "enabled", QueueConfig.DEFAULT_ENABLED))) {
                loops += concurrency(queue.value(context, "concurrency", QueueConfig.DEFAULT_CONCURRENCY));
            }
        }
        return loops;
    }

    private static int concurrency(String value) {
        try {
            return Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Integer.parseInt(QueueConfig.DEFAULT_CONCURRENCY);
        }
    }

    /** How an environment variable spells a property name, or a part of one. */
    private static String envForm(String name) {
        StringBuilder env = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    /** The source of the pool size, under its own name. */
    private record PoolSize(Map<String, String> properties) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return properties.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            return properties.get(propertyName);
        }

        @Override
        public String getName() {
            return SOURCE_NAME;
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }

    /**
     * The properties of one queue, by the prefix they were found under: dotted names are also found in environment
     * variables (SmallRye looks them up in both forms), environment variable names only there.
     */
    private record QueueProperties(String prefix, boolean env) {

        boolean has(ConfigSourceContext context, String property) {
            String value = context.getValue(name(property)).getValue();
            return value != null && !value.isBlank();
        }

        /** @return the trimmed value, in lower case, or the default */
        String value(ConfigSourceContext context, String property, String defaultValue) {
            ConfigValue value = context.getValue(name(property));
            String text = value.getValue() == null || value.getValue().isBlank() ? defaultValue : value.getValue();
            return text.trim().toLowerCase(Locale.ROOT);
        }

        private String name(String property) {
            return prefix + (env ? envForm(property) : property);
        }
    }
}
