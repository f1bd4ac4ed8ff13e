/**
 * The Dev UI's beans and JSON-RPC methods, registered in dev mode only. It may use the root {@code runtime}
 * package, {@code changeset}, {@code config} and the public API; nothing uses it but the deployment module.
 */
package io.quarkiverse.sqschanges.runtime.devui;
