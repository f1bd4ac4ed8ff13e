/**
 * The duplicate filters: the default one in memory, the one on the application's database
 * ({@code deduplication.store=datasource}) and the producer choosing between them. It may use {@code config} and the
 * public API.
 */
package io.quarkiverse.sqschanges.runtime.dedup;
