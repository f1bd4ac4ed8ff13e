package io.quarkiverse.sqschanges.runtime.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of the SQS change sources.
 */
@ConfigMapping(prefix = "quarkus.sqs-changes")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SqsChangesConfig {

    /**
     * The queues to consume, each under a name of your choice. The name identifies the queue in logs, in
     * {@code Change.queue()} and, unless {@code codebase} is set, is the codebase of its changes.
     */
    @ConfigDocMapKey("queue")
    @ConfigDocSection
    Map<String, QueueConfig> queues();

    /**
     * How long shutdown waits for the changes in flight: their observers finish and the messages are deleted.
     * Messages whose observers have not finished by then stay on their queue and are delivered again.
     */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /**
     * The readiness check (with {@code quarkus-smallrye-health}).
     */
    Health health();

    /**
     * The readiness check.
     */
    interface Health {

        /**
         * How long a queue may keep failing (SQS unreachable, or answering with errors) before readiness is DOWN,
         * counted from its last successful call to SQS; a short outage then does not flip readiness. A queue that
         * has never reached SQS is DOWN from its first failure. {@code 0s} makes every failure DOWN at once.
         */
        @WithDefault("30s")
        Duration downAfter();
    }

    /**
     * One queue to consume.
     */
    interface QueueConfig {

        /** The default of {@code enabled}, also read where the configuration is counted before it is mapped. */
        String DEFAULT_ENABLED = "true";

        /** The default of {@code concurrency}, also read where the configuration is counted before it is mapped. */
        String DEFAULT_CONCURRENCY = "1";

        /** The default of {@code prefetch-batches}. */
        String DEFAULT_PREFETCH_BATCHES = "3";

        /**
         * The queue URL, such as {@code https://sqs.eu-west-1.amazonaws.com/123456789012/orders}.
         * Set either this or {@code queue-name}.
         */
        Optional<String> url();

        /**
         * The queue name, resolved to its URL once with {@code GetQueueUrl} when polling starts.
         * Set either this or {@code url}.
         */
        Optional<String> queueName();

        /**
         * The codebase of the changes made from this queue. Observers select it with {@code @Codebase("...")}.
         * Defaults to the queue's configured name.
         */
        Optional<String> codebase();

        /**
         * How a message body becomes change properties: {@code raw} puts the body in the property
         * {@code sqs_body}; {@code json} also turns each top-level field of a JSON object body into a property;
         * {@code sns} unwraps an SNS notification; {@code s3} makes a change per record of an S3 event
         * notification (also through SNS) or per S3 event from EventBridge; {@code eventbridge} turns an EventBridge event's
         * {@code detail} into
         * properties.
         */
        @WithDefault("raw")
        MessageFormat format();

        /**
         * For the {@code sns} format.
         */
        SnsConfig sns();

        /**
         * A JSON Schema, as a class path resource such as {@code schemas/order.json}, that the JSON object of each
         * message must satisfy: the body for {@code json}, the SNS message for {@code sns} with
         * {@code sns.message-format=json}, the {@code detail} for {@code eventbridge}. A message that does not is
         * invalid ({@code invalid-message}).
         */
        Optional<String> jsonSchema();

        /**
         * Whether this queue is consumed. A disabled queue is not polled, and holds no connection of the SQS client.
         */
        @WithDefault(DEFAULT_ENABLED)
        boolean enabled();

        /**
         * How often the queue's scheduler job starts a receive loop when none is going. A loop receives until a
         * long poll comes back empty, and a receive that returns messages starts the queue's other loops (up to
         * {@code concurrency}) at once, so this only paces an idle queue, together with {@code wait-time}, and
         * starts the back-off after a failed call to SQS.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long one receive waits for a message to arrive (SQS long polling), from {@code 0s} to {@code 20s}
         * in whole seconds. Long waits cost fewer requests on an idle queue.
         */
        @WithDefault("20s")
        Duration waitTime();

        /**
         * How many messages one receive asks for, from 1 to 10.
         */
        @WithDefault("10")
        int maxMessages();

        /**
         * How many receive loops poll this queue at the same time, from 1 to 50. Each loop has one batch handled at a
         * time; more loops handle more batches at once, for throughput under load. On a FIFO queue, SQS still
         * delivers the messages of one group in order, to one loop at a time.
         * <p>
         * Each loop needs two connections of the SQS async client: one for its long poll, which it holds open nearly
         * all the time, and one for its deletes, visibility changes and heartbeats. Unless you set
         * {@code quarkus.sqs.async-client.max-concurrency} (with {@code quarkus.sqs.async-client.type=aws-crt},
         * {@code quarkus.sqs.async-client.crt.max-concurrency}), the extension sizes the client's pool to twice the
         * receive loops of all enabled queues, and never below the SDK's 50; a value you set below that fails
         * startup.
         */
        @WithDefault(DEFAULT_CONCURRENCY)
        int concurrency();

        /**
         * Whether a receive loop asks SQS for its next batches while it is still handling the current one, so that
         * handling and waiting for SQS overlap. A loop then holds up to {@code prefetch-batches} received batches
         * waiting, each kept hidden by the visibility heartbeat; without the heartbeat
         * ({@code visibility-heartbeat=false}) there is no prefetch. Turn it off when handling is slow and other
         * consumers of the queue should get those messages instead.
         */
        @WithDefault("true")
        boolean prefetch();

        /**
         * With {@code prefetch}, how many batches a receive loop may hold ahead of the one it is handling, from 1 to
         * 10: batches being received and batches received and waiting for their turn, together. While the queue has
         * a backlog (a receive came back with {@code max-messages} messages), that many receives of a loop are in
         * flight at once, so that one loop is not bound to one SQS round trip per batch: about
         * {@code prefetch-batches x max-messages} messages per round trip at most. Only one of them is a long poll;
         * the others return at once, and one that comes back short ends the overlap until the next full batch. 1
         * is one receive at a time. Each batch held ahead is kept hidden by the visibility heartbeat, and is not
         * available to other consumers of the queue while it waits: lower this when handling is slow. On a FIFO
         * queue a loop holds one batch ahead, whatever this says: SQS holds a message group back while its messages
         * are in flight.
         */
        @WithDefault(DEFAULT_PREFETCH_BATCHES)
        int prefetchBatches();

        /**
         * How long received messages stay hidden from other consumers, in whole seconds from 1 second to 12 hours
         * ({@code 0s}, which SQS allows, would let another receive handle a message while it is being handled).
         * Defaults to the queue's own visibility timeout.
         */
        Optional<Duration> visibilityTimeout();

        /**
         * What happens to a message that cannot be made into a change (a body that does not fit the queue's
         * {@code format}, such as a {@code json} body that is not a JSON object or an {@code sns} body that is not
         * an SNS notification; a JSON object that breaks the queue's {@code json-schema}; a mapper that throws):
         * {@code keep} leaves it on the queue, so that the queue's redrive policy can move it to a dead-letter
         * queue; {@code delete} deletes it; {@code retry} leaves it and delays its next delivery by
         * {@code retry-delay}, doubled on each delivery up to {@code retry-max-delay}. In every case the error is
         * logged with the queue and message id.
         */
        @WithDefault("keep")
        FailureAction invalidMessage();

        /**
         * What happens to a message after one of its observers threw: {@code keep} leaves it on the queue for
         * SQS to deliver again after its visibility timeout (or move by its redrive policy); {@code delete} deletes
         * it; {@code retry} leaves it and delays its next delivery by {@code retry-delay}, doubled on each
         * delivery.
         */
        @WithDefault("keep")
        FailureAction onFailure();

        /**
         * With {@code retry}: how long after its first failed delivery a message is delivered again. Each later
         * delivery doubles it, up to {@code retry-max-delay}.
         */
        @WithDefault("5s")
        Duration retryDelay();

        /**
         * With {@code retry}: the longest delay between two deliveries, at most 12 hours.
         */
        @WithDefault("15m")
        Duration retryMaxDelay();

        /**
         * Whether the visibility timeout of the messages being handled is extended while their observers work, so
         * that a slow observer does not see its message delivered a second time to another consumer.
         */
        @WithDefault("true")
        boolean visibilityHeartbeat();

        /**
         * How long a batch's observers may run before the queue reports them as stalled: a WARN naming the queue
         * and the message ids (once per batch), the {@code sqs.changes.stalled} gauge, the state {@code STALLED} in
         * {@code ChangeSourceControl.status} and readiness DOWN, until they complete. The stalled batch stays
         * hidden by the visibility heartbeat (up to SQS's 12-hour limit) and is settled as usual when its observers
         * finish; meanwhile the queue goes on polling with other receive loops, so that one hung observer does not
         * stop the queue: a stalled batch does not count toward {@code concurrency}, up to {@code concurrency}
         * stalled batches. Prefetched batches waiting behind it are made visible again at once for other
         * consumers. {@code 0s} turns the check off. The default, five minutes, is far beyond what an observer that
         * starts work elsewhere needs, and well inside the heartbeat's reach.
         */
        @WithDefault("5m")
        Duration handlerTimeout();

        /**
         * Whether to skip messages whose message id was already handled (SQS standard queues deliver at least
         * once, so rarely twice). A skipped duplicate is deleted without an event. The ids are kept by the
         * {@code DuplicateFilter} bean: by default in memory, or in the application's database with
         * {@code quarkus.sqs-changes.deduplication.store=datasource}.
         */
        @WithDefault("false")
        boolean deduplicate();

        /**
         * How many messages whose changes wait in change sets (see {@code quarkus.sqs-changes.change-sets}) this
         * queue may hold at most: at this number it receives no more until sets have been handled and their
         * messages deleted. Each held message is in flight for SQS, which allows 120,000 in flight per queue,
         * standard or FIFO, for all consumers together; the default leaves room for other instances and for the
         * batches being handled. The check is made before each receive, so a queue may hold up to
         * {@code prefetch-batches} + 1 batches per receive loop more (those received ahead and the one being handled).
         * The quota is shared by every instance: keep instances times this (plus that) below it. Held changes are kept in
         * memory, bodies
         * included: lower it for large bodies. 1 to 100,000.
         */
        @WithDefault("10000")
        int maxHeldMessages();
    }

    /**
     * Change sets, per codebase: the changes of a codebase gathered until it has had no new change for
     * {@code quiet-period} (or for at most {@code max-wait}, or up to {@code max-changes}), and fired together as a
     * {@code ChangeSet} event, Buildbot's tree-stable timer. Off for a codebase unless one of its properties is
     * set, for example {@code quarkus.sqs-changes.change-sets.models.quiet-period=10s}. Configured per codebase,
     * not per queue, because a set is what observers of a codebase see: changes that several queues bring to one
     * codebase are gathered into one set. The messages of a set stay hidden until the set is handled: a queue whose
     * codebase gathers sets needs {@code visibility-heartbeat=true} (startup fails otherwise); the messages of a
     * queue without it whose mapper gives their changes such a codebase are deleted before their set is handled, with
     * a warning.
     */
    @ConfigDocMapKey("codebase")
    @ConfigDocSection
    Map<String, ChangeSetConfig> changeSets();

    /**
     * How the changes of one codebase are gathered into sets.
     */
    interface ChangeSetConfig {

        /**
         * Whether the codebase's changes are gathered into sets.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long the codebase must have had no new change before its set is fired: Buildbot's
         * {@code treeStableTimer}. A positive duration, at most {@code max-wait}.
         */
        @WithDefault("10s")
        Duration quietPeriod();

        /**
         * How long the first change of a set waits at most: a steady trickle of changes, each within the quiet
         * period of the last, fires its set after this time all the same. At most 11 hours, since SQS keeps a
         * message hidden for at most 12 hours from its receipt.
         */
        @WithDefault("5m")
        Duration maxWait();

        /**
         * How many changes a set holds at most: a set that reaches this size is fired at once, and the next changes
         * start a new set. 1 to 100,000.
         */
        @WithDefault("1000")
        int maxChanges();

        /**
         * How long the observers of a set may run before the set is reported as stalled: a WARN naming the codebase
         * (once per set), the {@code sqs.changes.sets.stalled} gauge and readiness DOWN, until they complete. The
         * codebase's next sets wait for it meanwhile (sets are fired one at a time), and its messages stay hidden
         * up to SQS's 12-hour limit. {@code 0s} turns the check off. The default suits observers that run a build;
         * set it above the longest build.
         */
        @WithDefault("30m")
        Duration handlerTimeout();
    }

    /**
     * The duplicate filter of the queues with {@code deduplicate=true}, unless the application provides its own
     * {@code DuplicateFilter} bean.
     */
    Deduplication deduplication();

    /**
     * Settings of the {@code sns} format.
     */
    interface SnsConfig {

        /**
         * What the SNS {@code Message} is: {@code raw} text (the property {@code sns_message}) or a {@code json}
         * object whose top-level fields also become properties.
         */
        @WithDefault("raw")
        SnsMessageFormat messageFormat();
    }

    /**
     * What an SNS message holds.
     */
    enum SnsMessageFormat {
        /** Text, kept as it is. */
        RAW,
        /** A JSON object. */
        JSON
    }

    /**
     * The duplicate filter of the queues with {@code deduplicate=true}.
     */
    interface Deduplication {

        /** The default of {@code table}. */
        String DEFAULT_TABLE = "sqs_changes_handled";

        /**
         * Where the claimed and handled message ids are kept: {@code memory}, in this application instance only (a
         * restart forgets them, another instance never knew them); or {@code datasource}, in a table of the
         * application's database, shared by every instance that uses it and kept across restarts. {@code datasource}
         * needs the {@code quarkus-agroal} extension and a JDBC driver (such as {@code quarkus-jdbc-postgresql});
         * PostgreSQL, MySQL, MariaDB and H2 are supported. An application that provides its own
         * {@code DuplicateFilter} bean uses that one instead.
         */
        @WithDefault("memory")
        DuplicateStore store();

        /**
         * With {@code store=datasource}: the name of the datasource that holds the table, as configured under
         * {@code quarkus.datasource."<name>".*}. Defaults to the default datasource ({@code quarkus.datasource.*}).
         */
        Optional<String> datasource();

        /**
         * With {@code store=datasource}: the table of claimed and handled message ids, optionally qualified by its
         * schema ({@code schema.table}); letters, digits and underscores only. It is created at startup when it does
         * not exist; to manage it with Flyway or Liquibase instead, create it with the DDL the guide gives.
         * Instances that share the table must give each queue the same configured name.
         */
        @WithDefault(DEFAULT_TABLE)
        String table();

        /**
         * With {@code store=datasource}: how long a handled message id is kept. The default is SQS's longest message
         * retention, after which SQS cannot deliver that message any more; a shorter retention is enough when the
         * queues keep messages for less time (their {@code MessageRetentionPeriod}).
         */
        @WithDefault("14d")
        Duration retention();

        /**
         * With {@code store=datasource}: how often the ids older than {@code retention} are removed, in the
         * background, the first time shortly after startup. Claims whose holder died without releasing them are
         * removed too, once older than {@code retention}.
         */
        @WithDefault("1h")
        Duration cleanupInterval();

        /**
         * With {@code store=datasource}: how many rows one statement of the cleanup deletes at most, so that it
         * never holds many locks or one long transaction; a run goes on with more statements until nothing is left
         * to remove.
         */
        @WithDefault("1000")
        int cleanupBatchSize();

        /**
         * With {@code store=memory}: how long a handled message id is remembered.
         */
        @WithDefault("1h")
        Duration window();

        /**
         * With {@code store=memory}: how many handled message ids are remembered at most, over all queues; the
         * oldest are forgotten first.
         */
        @WithDefault("100000")
        int maxEntries();
    }

    /**
     * Where a duplicate filter keeps message ids.
     */
    enum DuplicateStore {
        /** In this application instance's memory. */
        MEMORY,
        /** In a table of the application's datasource. */
        DATASOURCE
    }
}
