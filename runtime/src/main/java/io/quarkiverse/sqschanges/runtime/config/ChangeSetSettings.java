package io.quarkiverse.sqschanges.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.quarkiverse.sqschanges.runtime.config.SqsChangesConfig.ChangeSetConfig;

/**
 * The checked change-set settings of one codebase.
 *
 * @param codebase the codebase ({@code quarkus.sqs-changes.change-sets."<codebase>"})
 * @param quietPeriod how long the codebase must have had no new change before its set is fired
 * @param maxWait how long the first change of a set waits at most
 * @param maxChanges how many changes a set holds at most
 * @param handlerTimeout how long a set's observers may run before the set is reported as stalled; zero: never
 */
public record ChangeSetSettings(String codebase, Duration quietPeriod, Duration maxWait, int maxChanges,
        Duration handlerTimeout) {

    /** The extension's own limit on the size of a set. */
    static final int MAX_CHANGES = 100_000;

    /**
     * Checks the configured change sets against each other and against the queues that bring changes to them.
     *
     * @param queues the settings of every configured queue
     * @param problems receives a message for each problem found, naming the property at fault
     * @return the settings of each codebase whose changes are gathered into sets, by codebase
     */
    public static Map<String, ChangeSetSettings> create(SqsChangesConfig config, List<QueueSettings> queues,
            List<String> problems) {
        Map<String, ChangeSetSettings> settings = new TreeMap<>();
        config.changeSets().forEach((codebase, set) -> {
            if (set.enabled()) {
                settings.put(codebase, create(codebase, set, problems));
            }
        });
        for (QueueSettings queue : queues) {
            if (queue.enabled() && !queue.visibilityHeartbeat() && settings.containsKey(queue.codebase())) {
                problems.add(queue.property("visibility-heartbeat") + " is false, but the changes of queue '"
                        + queue.name() + "' are gathered into change sets (" + property(queue.codebase(), "*")
                        + "), whose messages stay hidden until their set is handled; remove "
                        + queue.property("visibility-heartbeat") + " or set "
                        + property(queue.codebase(), "enabled") + "=false");
            }
        }
        return settings;
    }

    private static ChangeSetSettings create(String codebase, ChangeSetConfig set, List<String> problems) {
        if (codebase.isBlank()) {
            problems.add("A change set under " + ConfigNames.PREFIX + ".change-sets has a blank codebase; name the"
                    + " codebase, such as " + property("models", "quiet-period"));
        }
        if (set.quietPeriod().isNegative() || set.quietPeriod().isZero()) {
            problems.add(property(codebase, "quiet-period") + " is " + set.quietPeriod()
                    + "; it must be a positive duration such as 10s");
        }
        Duration longest = Duration.ofSeconds(SqsLimits.MAX_CHANGE_SET_WAIT_SECONDS);
        if (set.maxWait().isNegative() || set.maxWait().isZero() || set.maxWait().compareTo(longest) > 0) {
            problems.add(property(codebase, "max-wait") + " is " + set.maxWait() + "; allowed values are positive"
                    + " durations up to 11h (SQS keeps a message hidden for at most 12 hours)");
        } else if (set.maxWait().compareTo(set.quietPeriod()) < 0) {
            problems.add(property(codebase, "max-wait") + " is " + set.maxWait() + ", shorter than "
                    + property(codebase, "quiet-period") + " (" + set.quietPeriod() + "); make it at least as long");
        }
        if (set.maxChanges() < 1 || set.maxChanges() > MAX_CHANGES) {
            problems.add(property(codebase, "max-changes") + " is " + set.maxChanges() + "; allowed values are 1 to "
                    + MAX_CHANGES);
        }
        if (set.handlerTimeout().isNegative()) {
            problems.add(property(codebase, "handler-timeout") + " is " + set.handlerTimeout()
                    + "; it must be a positive duration such as 30m, or 0s to turn the check off");
        }
        return new ChangeSetSettings(codebase, set.quietPeriod(), set.maxWait(), set.maxChanges(),
                set.handlerTimeout());
    }

    /** @return e.g. {@code quarkus.sqs-changes.change-sets.models.quiet-period}, quoting a name with a dot */
    public static String property(String codebase, String property) {
        String key = codebase.indexOf('.') >= 0 ? '"' + codebase + '"' : codebase;
        return ConfigNames.PREFIX + ".change-sets." + key + "." + property;
    }
}
