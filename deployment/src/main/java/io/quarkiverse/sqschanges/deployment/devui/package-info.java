/**
 * The Dev UI card, its pages and its JSON-RPC service, added in dev mode. It may use the root {@code deployment}
 * package and the runtime's {@code devui}.
 */
package io.quarkiverse.sqschanges.deployment.devui;
