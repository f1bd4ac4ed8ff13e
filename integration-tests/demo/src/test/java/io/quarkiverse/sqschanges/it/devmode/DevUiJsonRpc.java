package io.quarkiverse.sqschanges.it.devmode;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.test.config.TestConfigProviderResolver;

/**
 * Calls the Dev UI's JSON-RPC methods over its WebSocket ({@code /q/dev-ui/json-rpc-ws}), as the card's pages do,
 * on one connection; an error answer fails the call.
 */
final class DevUiJsonRpc implements AutoCloseable {

    private final String namespace;
    private final JsonWebSocket socket;

    private DevUiJsonRpc(String namespace, URI endpoint) {
        this.namespace = namespace;
        this.socket = JsonWebSocket.connect(HttpClient.newHttpClient(), endpoint);
    }

    /** Connects to the dev-mode application under test. */
    static DevUiJsonRpc connect(String namespace) {
        return new DevUiJsonRpc(namespace, URI.create(testUrl().replaceFirst("^http", "ws") + "/q/dev-ui/json-rpc-ws"));
    }

    /** @return the URL of the dev-mode application under test */
    static String testUrl() {
        return ((TestConfigProviderResolver) ConfigProviderResolver.instance())
                .getConfig(LaunchMode.DEVELOPMENT).getValue("test.url", String.class);
    }

    JsonNode call(String method) {
        return call(method, Map.of());
    }

    /**
     * @return the method's answer
     * @throws IllegalStateException if the server answered with an error, or not within 30 s
     */
    JsonNode call(String method, Map<String, Object> params) {
        ObjectNode request = JsonWebSocket.JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("method", namespace + "_" + method);
        request.set("params", JsonWebSocket.JSON.valueToTree(params));
        return socket.call(request).get("result").get("object");
    }

    @Override
    public void close() {
        socket.close();
    }
}
