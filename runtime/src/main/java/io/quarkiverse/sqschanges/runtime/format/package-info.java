/**
 * The message body formats, which turn an SQS message into the changes its queue's format makes, and their JSON
 * parsing and schemas. It may use {@code config} and the public API.
 */
package io.quarkiverse.sqschanges.runtime.format;
