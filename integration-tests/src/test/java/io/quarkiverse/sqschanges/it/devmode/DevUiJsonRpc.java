package io.quarkiverse.sqschanges.it.devmode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.test.config.TestConfigProviderResolver;

/**
 * Calls the Dev UI's JSON-RPC methods over its WebSocket ({@code /q/dev-ui/json-rpc-ws}), as the card's pages do.
 * One connection for all calls; each answer is matched to its call by id, and an error answer fails the call.
 */
final class DevUiJsonRpc implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private DevUiJsonRpc(String namespace, URI endpoint) {
        this.namespace = namespace;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(endpoint, new Listener())
                .join();
    }

    /** Connects to the dev-mode application under test. */
    static DevUiJsonRpc connect(String namespace) {
        String testUrl = ((TestConfigProviderResolver) ConfigProviderResolver.instance())
                .getConfig(LaunchMode.DEVELOPMENT).getValue("test.url", String.class);
        return new DevUiJsonRpc(namespace, URI.create(testUrl.replaceFirst("^http", "ws") + "/q/dev-ui/json-rpc-ws"));
    }

    JsonNode call(String method) {
        return call(method, Map.of());
    }

    /**
     * @return the method's answer
     * @throws IllegalStateException if the server answered with an error, or not within 30 s
     */
    JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", id)
                .put("method", namespace + "_" + method);
        request.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(request.toString(), true).join();
        }
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("JSON-RPC call " + method + params + " failed: " + e.getMessage(), e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }

    private void answer(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            CompletableFuture<JsonNode> answer = message.has("id") ? pending.get(message.get("id").asInt()) : null;
            if (answer == null) {
                return; // a broadcast, not an answer
            }
            if (message.has("error")) {
                answer.completeExceptionally(new IllegalStateException(message.get("error").toString()));
            } else {
                answer.complete(message.get("result").get("object"));
            }
        } catch (Exception e) {
            pending.values().forEach(answer -> answer.completeExceptionally(e));
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                answer(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
