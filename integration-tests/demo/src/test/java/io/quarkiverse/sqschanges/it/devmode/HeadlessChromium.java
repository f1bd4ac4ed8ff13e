package io.quarkiverse.sqschanges.it.devmode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol: open a page, evaluate JavaScript in it, take
 * a screenshot. Needs {@code /usr/bin/chromium} (the README's test command installs it), or {@code -Dchromium.binary}.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = JsonWebSocket.JSON;
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final JsonWebSocket page;

    private HeadlessChromium(Process process, Path profile, JsonWebSocket page) {
        this.process = process;
        this.profile = profile;
        this.page = page;
    }

    /** Starts Chromium with one blank page of the given size. */
    static HeadlessChromium start(int width, int height) throws IOException, InterruptedException {
        Path binary = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("This test needs Chromium at " + binary + ". Install it with"
                    + " 'apt-get install chromium' (the README's test command does), or set -Dchromium.binary");
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        // no background networking: this machine's closed network refuses Google's hosts
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--remote-allow-origins=*", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true)
                .start();
        try {
            URI browser = URI.create(awaitDevToolsUrl(process));
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageUrl = null;
            for (JsonNode target : JSON.readTree(list)) {
                if ("page".equals(target.path("type").asText())) {
                    pageUrl = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (pageUrl == null) {
                throw new IllegalStateException("Chromium opened no page: " + list);
            }
            HeadlessChromium chromium = new HeadlessChromium(process, profile,
                    JsonWebSocket.connect(http, URI.create(pageUrl)));
            chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
            return chromium;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("Could not drive Chromium: " + e.getMessage(), e);
        }
    }

    /** Opens the URL; its scripts go on running after this returns. */
    void open(String url) {
        send("Page.navigate", Map.of("url", url));
    }

    /**
     * Evaluates a JavaScript expression in the page; a promise is awaited.
     *
     * @return its value, as JSON; a missing node for {@code undefined}
     */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Writes a PNG screenshot of the page's viewport. */
    void screenshot(Path file) throws IOException {
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /**
     * Stops Chromium and its helper processes, then removes the profile. Helpers (renderer, GPU, crashpad) outlive
     * the browser process for a moment and go on writing to the profile, so they are stopped and awaited first;
     * a profile that still cannot be removed is left for the OS to clean, it never fails the test.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        page.close();
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle helper : helpers) {
            try {
                helper.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                helper.destroyForcibly();
            }
        }
        removeProfile();
    }

    private void removeProfile() throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try (var files = Files.walk(profile)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (IOException e) {
                if (attempt == 5) {
                    System.err.println("Left Chromium's profile " + profile + " behind: " + e);
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    private JsonNode send(String method, Map<String, Object> params) {
        ObjectNode command = JSON.createObjectNode().put("method", method);
        command.set("params", JSON.valueToTree(params));
        return page.call(command).get("result");
    }

    private static String awaitDevToolsUrl(Process process) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = DEVTOOLS_URL.matcher(line);
                    if (matcher.find()) {
                        url.complete(matcher.group(1));
                    } else if (!url.isDone()) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("Chromium exited: " + output));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(30, TimeUnit.SECONDS);
    }
}
