/**
 * The build steps: mapper discovery and binding, bean registration, the SQS client choice and the optional
 * integrations (metrics, health, tracing, a datasource). It may use the runtime and the public API.
 */
package io.quarkiverse.sqschanges.deployment;
