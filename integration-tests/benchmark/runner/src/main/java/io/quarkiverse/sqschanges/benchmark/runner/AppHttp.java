package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The {@code /bench} endpoints of an application. */
final class AppHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;

    AppHttp(int port) {
        this.base = "http://127.0.0.1:" + port + "/bench/";
    }

    /** @return whether the application answers HTTP yet */
    boolean answers() {
        try {
            get("count");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long count() throws IOException, InterruptedException {
        return Long.parseLong(get("count").trim());
    }

    List<Long> pickupMicros() throws IOException, InterruptedException {
        String lines = get("pickups").trim();
        return lines.isEmpty() ? List.of() : Arrays.stream(lines.split("\n")).map(Long::valueOf).toList();
    }

    void post(String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().uri() + " answered " + response.statusCode());
        }
        return response.body();
    }
}
