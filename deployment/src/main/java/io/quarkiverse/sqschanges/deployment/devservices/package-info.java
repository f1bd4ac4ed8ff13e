/**
 * The Dev Service: an embedded SQS server (ElasticMQ) with the configured queues, started in dev and test mode when
 * no endpoint is set. It may use the root {@code deployment} package and the runtime's {@code config}.
 */
package io.quarkiverse.sqschanges.deployment.devservices;
