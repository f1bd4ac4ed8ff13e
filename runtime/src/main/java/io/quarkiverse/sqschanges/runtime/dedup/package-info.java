/**
 * The duplicate filter on the application's database ({@code quarkus.sqs-changes.deduplication.store=datasource}).
 */
package io.quarkiverse.sqschanges.runtime.dedup;
