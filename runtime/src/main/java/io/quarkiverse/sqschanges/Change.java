package io.quarkiverse.sqschanges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One change, made from one SQS message and fired as a CDI event with the {@link Codebase} qualifier.
 * <p>
 * Its fields follow a Buildbot change. Made by the built-in formats, a change has: {@code repository} = the
 * queue URL, {@code revision} = the message id, {@code when} = the time SQS accepted the message,
 * {@code author} and {@code comments} = {@code "sqs"}, {@code branch} and {@code project} = {@code ""}, no
 * {@code category}, {@code revlink} = {@code ""}, no {@code files}, and the body in the property
 * {@code sqs_body} (plus the top-level fields of a JSON object for the {@code json} format).
 * <p>
 * Instances are immutable: the property map and the values nested in it cannot be modified. The builder copies each
 * property value: maps stay maps and sets stay sets, lists, other collections and arrays become lists, and a Jackson
 * {@code JsonNode} becomes what the {@code json} format makes of JSON (maps, lists, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}); all of them, however deep, unmodifiable copies. Any other value is kept as it is,
 * so it should be immutable itself.
 */
public final class Change {

    /** The property that holds the message body. */
    public static final String BODY_PROPERTY = "sqs_body";

    private final String queue;
    private final String codebase;
    private final String repository;
    private final String revision;
    private final Instant when;
    private final String author;
    private final String comments;
    private final String branch;
    private final String project;
    private final String category;
    private final String revlink;
    private final List<String> files;
    private final Map<String, Object> properties;
    private final SqsMessage message;

    private Change(Builder builder) {
        this.queue = required(builder.queue, "queue");
        this.codebase = required(builder.codebase, "codebase");
        this.repository = required(builder.repository, "repository");
        this.revision = required(builder.revision, "revision");
        this.when = required(builder.when, "when");
        this.author = required(builder.author, "author");
        this.comments = required(builder.comments, "comments");
        this.branch = required(builder.branch, "branch");
        this.project = required(builder.project, "project");
        this.category = builder.category;
        this.revlink = required(builder.revlink, "revlink");
        this.files = List.copyOf(builder.files);
        this.properties = ImmutableValues.copyOf(builder.properties);
        this.message = required(builder.message, "message");
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> "Change." + field + " must not be null");
    }

    /**
     * Starts a change for a message, with the defaults described on this class.
     *
     * @param queue the configured name of the queue the message came from
     * @param queueUrl the URL of that queue
     * @param codebase the codebase of the change
     * @param message the message
     * @return a builder
     */
    public static Builder builder(String queue, String queueUrl, String codebase, SqsMessage message) {
        return new Builder(queue, queueUrl, codebase, message);
    }

    /**
     * @return a builder holding the values of this change, to make a modified copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the configured name of the queue the message came from */
    public String queue() {
        return queue;
    }

    /** @return the codebase the change belongs to; observers select it with {@link Codebase} */
    public String codebase() {
        return codebase;
    }

    /** @return the repository; by default the queue URL */
    public String repository() {
        return repository;
    }

    /** @return the revision; by default the SQS message id */
    public String revision() {
        return revision;
    }

    /** @return when the change happened; by default when SQS accepted the message */
    public Instant when() {
        return when;
    }

    /** @return the author; by default {@code "sqs"} */
    public String author() {
        return author;
    }

    /** @return the comments; by default {@code "sqs"} */
    public String comments() {
        return comments;
    }

    /** @return the branch; by default {@code ""} */
    public String branch() {
        return branch;
    }

    /** @return the project; by default {@code ""} */
    public String project() {
        return project;
    }

    /** @return the category; by default none */
    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    /** @return a link to the revision; by default {@code ""} */
    public String revlink() {
        return revlink;
    }

    /** @return the files the change touches; by default none */
    public List<String> files() {
        return files;
    }

    /**
     * @return the properties, in insertion order; values are {@code String}, {@code Number}, {@code Boolean},
     *         {@code null}, {@code Map<String, Object>}, {@code List<Object>} or {@code Set<Object>}, unmodifiable
     *         (or what else a mapper set)
     */
    public Map<String, Object> properties() {
        return properties;
    }

    /**
     * @param name a property name
     * @return the property's value if the property is present and not {@code null}
     */
    public Optional<Object> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /** @return the SQS message the change was made from */
    public SqsMessage message() {
        return message;
    }

    @Override
    public String toString() {
        return "Change[queue=" + queue + ", codebase=" + codebase + ", revision=" + revision + ", properties="
                + properties.keySet() + "]";
    }

    /**
     * Builds a {@link Change}. Not thread-safe.
     */
    public static final class Builder {

        private String queue;
        private String codebase;
        private String repository;
        private String revision;
        private Instant when;
        private String author = "sqs";
        private String comments = "sqs";
        private String branch = "";
        private String project = "";
        private String category;
        private String revlink = "";
        private List<String> files = new ArrayList<>();
        private Map<String, Object> properties = new LinkedHashMap<>();
        private SqsMessage message;

        private Builder(String queue, String queueUrl, String codebase, SqsMessage message) {
            this.queue = queue;
            this.repository = queueUrl;
            this.codebase = codebase;
            this.message = message;
            this.revision = message.messageId();
            this.when = message.sentTimestamp().orElseGet(Instant::now);
        }

        private Builder(Change change) {
            this.queue = change.queue;
            this.codebase = change.codebase;
            this.repository = change.repository;
            this.revision = change.revision;
            this.when = change.when;
            this.author = change.author;
            this.comments = change.comments;
            this.branch = change.branch;
            this.project = change.project;
            this.category = change.category;
            this.revlink = change.revlink;
            this.files = new ArrayList<>(change.files);
            this.properties = new LinkedHashMap<>(change.properties);
            this.message = change.message;
        }

        /** @param codebase the codebase; observers select it with {@link Codebase} @return this builder */
        public Builder codebase(String codebase) {
            this.codebase = codebase;
            return this;
        }

        /** @param repository the repository @return this builder */
        public Builder repository(String repository) {
            this.repository = repository;
            return this;
        }

        /** @param revision the revision @return this builder */
        public Builder revision(String revision) {
            this.revision = revision;
            return this;
        }

        /** @param when when the change happened @return this builder */
        public Builder when(Instant when) {
            this.when = when;
            return this;
        }

        /** @param author the author @return this builder */
        public Builder author(String author) {
            this.author = author;
            return this;
        }

        /** @param comments the comments @return this builder */
        public Builder comments(String comments) {
            this.comments = comments;
            return this;
        }

        /** @param branch the branch @return this builder */
        public Builder branch(String branch) {
            this.branch = branch;
            return this;
        }

        /** @param project the project @return this builder */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /** @param category the category, or {@code null} for none @return this builder */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** @param revlink a link to the revision @return this builder */
        public Builder revlink(String revlink) {
            this.revlink = revlink;
            return this;
        }

        /** @param files the files the change touches (replaces any set before) @return this builder */
        public Builder files(List<String> files) {
            this.files = new ArrayList<>(files);
            return this;
        }

        /**
         * Sets one property, keeping the order in which properties are first set.
         *
         * @param name the property name
         * @param value a {@code String}, {@code Number}, {@code Boolean}, {@code null}, {@code Map}, {@code List},
         *        {@code Set}, another collection or an array (copied as a list), or a Jackson {@code JsonNode}
         *        (copied as maps, lists and scalars); {@link #build()} makes an unmodifiable deep copy of it
         * @return this builder
         */
        public Builder property(String name, Object value) {
            this.properties.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * @param properties properties to set, in the map's iteration order (existing ones are replaced)
         * @return this builder
         */
        public Builder properties(Map<String, ?> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * @param name the property to remove
         * @return this builder
         */
        public Builder removeProperty(String name) {
            this.properties.remove(name);
            return this;
        }

        /** @return the change */
        public Change build() {
            return new Change(this);
        }
    }
}
