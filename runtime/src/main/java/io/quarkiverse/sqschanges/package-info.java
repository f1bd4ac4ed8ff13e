/**
 * The public API: the {@code Change} and {@code ChangeSet} events, the {@code @Codebase} qualifier, mappers, the
 * duplicate filter SPI and the queue controls. It uses nothing of the extension's {@code runtime} packages.
 */
package io.quarkiverse.sqschanges;
