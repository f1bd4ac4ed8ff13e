package io.quarkiverse.sqschanges.it.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.sqschanges.it.CommandMapper;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card in a real browser (headless Chromium): the Queues page shows the queue table; a test message
 * sent with its form becomes a change on the Recent changes page. Screenshots of both pages are written to
 * {@code target/dev-ui-screenshots/}.
 */
class DevUiInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "dev-ui-screenshots");

    /** Finds an element by CSS selector through the shadow roots of the Dev UI's web components. */
    static final String FIND = "const find = (root, selector) => {"
            + " const hit = root.querySelector(selector); if (hit) return hit;"
            + " for (const element of root.querySelectorAll('*')) {"
            + "  if (element.shadowRoot) { const inner = find(element.shadowRoot, selector); if (inner) return inner; } }"
            + " return null; };";

    @RegisterExtension
    static final QuarkusDevModeTest app = DevUiApp.create();

    @Test
    void queueTableAndTestMessageForm() throws Exception {
        String devUi = DevUiJsonRpc.testUrl() + "/q/dev-ui/quarkus-sqs-changes";
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 640)) {
            chromium.open(devUi + "/queues");
            List<String> cells = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                cells.clear();
                cells.addAll(cellTexts(chromium, "qwc-sqs-changes-queues"));
                assertThat(cells).contains("Queue", "Codebase", "State", "ml", "json", "polling", "disabled",
                        CommandMapper.class.getSimpleName());
                assertThat(String.join("\n", cells)).contains("commands", "models", "parked");
            });

            chromium.evaluate("(() => {" + FIND
                    + " const root = find(document, 'qwc-sqs-changes-queues').shadowRoot;"
                    + " root.querySelector('#target').value = 'commands';"
                    + " root.querySelector('#body').value = 'action deploy';"
                    + " return true; })()");
            await().atMost(Duration.ofSeconds(10)).until(() -> chromium.evaluate("(() => {" + FIND
                    + " const button = find(document, 'qwc-sqs-changes-queues').shadowRoot.querySelector('#send');"
                    + " if (button.disabled) return false; button.click(); return true; })()").asBoolean());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(chromium.evaluate("(() => {" + FIND
                    + " const grid = find(document, 'qwc-sqs-changes-queues').shadowRoot.querySelector('vaadin-grid');"
                    + " return grid.items.find(q => q.name === 'commands').deleted; })()").asLong()).isEqualTo(1));
            Thread.sleep(500); // let the grid render the new counts
            closeNotifications(chromium);
            chromium.screenshot(SCREENSHOTS.resolve("queues.png"));

            chromium.open(devUi + "/recent-changes");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(String.join("\n", cellTexts(chromium, "qwc-sqs-changes-changes")))
                            .contains("commands").contains("\"action\": \"deploy\""));
            closeNotifications(chromium);
            chromium.screenshot(SCREENSHOTS.resolve("recent-changes.png"));
        }
    }

    /**
     * Closes the Dev UI's pop-up notifications before a screenshot: "Sent message ...", and an error of the Dev UI
     * itself on a machine that cannot reach registry.quarkus.io.
     */
    private static void closeNotifications(HeadlessChromium chromium) throws InterruptedException {
        chromium.evaluate("document.querySelectorAll('vaadin-notification').forEach(n => n.opened = false)");
        Thread.sleep(300);
    }

    /** @return the texts of the rendered cells (headers included) of the grid in the given page component */
    private static List<String> cellTexts(HeadlessChromium chromium, String component) {
        JsonNode texts = chromium.evaluate("(() => {" + FIND
                + " const page = find(document, '" + component + "');"
                + " if (!page || !page.shadowRoot) return [];"
                + " const grid = page.shadowRoot.querySelector('vaadin-grid');"
                + " if (!grid) return [];"
                + " return [...grid.querySelectorAll('vaadin-grid-cell-content')]"
                + "   .map(cell => cell.textContent.trim()).filter(text => text.length > 0); })()");
        List<String> cells = new ArrayList<>();
        texts.forEach(text -> cells.add(text.asText()));
        return cells;
    }
}
