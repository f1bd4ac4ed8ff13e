package io.quarkiverse.sqschanges.runtime.config;

/**
 * How a message body becomes change properties; see {@code quarkus.sqs-changes.queues."<queue>".format}.
 */
public enum MessageFormat {
    /** The body is the property {@code sqs_body}. */
    RAW,
    /** The body must be a JSON object; each top-level field becomes a property, beside {@code sqs_body}. */
    JSON,
    /** An SNS notification: its {@code Message} is raw text or a JSON object ({@code sns.message-format}). */
    SNS,
    /** An S3 event notification, directly or through SNS (one change per record), or an S3 event from EventBridge. */
    S3,
    /** An EventBridge event: its {@code detail} object becomes the properties. */
    EVENTBRIDGE
}
