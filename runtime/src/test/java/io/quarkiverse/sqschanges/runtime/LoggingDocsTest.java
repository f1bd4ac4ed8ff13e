package io.quarkiverse.sqschanges.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The guide says one thing about what reaches the log: the pages that speak of it state the same rule, the one that
 * {@code VisibilityFailureTest}, {@code ObserverFailureTest} and {@code JsonFormatTest} check.
 */
class LoggingDocsTest {

    static final Path PAGES = Path.of("..", "docs", "modules", "ROOT", "pages");
    static final String RULE = "Message bodies are logged at `DEBUG` only. The extension never logs a receipt handle or"
            + " a credential itself; what SQS says about a failed delete or visibility change can quote a receipt"
            + " handle, so it is logged at `DEBUG` only.";

    @Test
    void thePagesStateOneRuleAboutReceiptHandles() throws IOException {
        for (String page : List.of("index.adoc", "delivery.adoc")) {
            String text = Files.readString(PAGES.resolve(page), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            assertThat(text).as(page).contains(RULE).doesNotContainIgnoringCase("receipt handles and credentials never");
        }
    }
}
