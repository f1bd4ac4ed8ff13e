package io.quarkiverse.sqschanges.it.devmode;

import java.io.IOException;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calls over a WebSocket that speaks JSON with numbered requests, as the Dev UI's JSON-RPC endpoint and the
 * Chrome DevTools Protocol do: each request gets an {@code id}, its answer is the message with that {@code id}, and
 * an answer with an {@code error} fails the call. Messages without a pending id (events, broadcasts) are ignored.
 */
final class JsonWebSocket implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final WebSocket socket;

    private JsonWebSocket(HttpClient http, URI endpoint) {
        this.socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(endpoint, new Listener())
                .join();
    }

    static JsonWebSocket connect(HttpClient http, URI endpoint) {
        return new JsonWebSocket(http, endpoint);
    }

    /**
     * Sends the request with a fresh {@code id}.
     *
     * @return the whole answer message
     * @throws IllegalStateException if the answer is an error, or does not come within 30 s
     */
    JsonNode call(ObjectNode request) {
        int id = ids.incrementAndGet();
        request.put("id", id);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                socket.sendText(request.toString(), true).get(10, TimeUnit.SECONDS);
            }
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("No answer to " + request + ": " + e.getMessage(), e);
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
                return;
            }
            if (message.has("error")) {
                answer.completeExceptionally(new IllegalStateException(message.get("error").toString()));
            } else {
                answer.complete(message);
            }
        } catch (IOException e) {
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
