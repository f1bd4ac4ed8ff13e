package io.quarkiverse.sqschanges.it.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tagged regions of example sources as Asciidoctor's {@code include::...[tag=...]} does, and as a reader
 * sees them: without the tag lines and the callouts, and without the indentation the region has in its file.
 */
final class Snippets {

    /** The repository's root, from this module's directory (Maven runs the tests there). */
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private static final Pattern TAG_LINE = Pattern.compile("^\\s*(//|#|<!--)\\s*(tag|end)::([\\w-]+)\\[\\]\\s*(-->)?\\s*$");
    /** A callout at the end of a line, such as {@code // <1>}, or {@code <1>} after a comment's text. */
    private static final Pattern CALLOUT = Pattern.compile("(\\s*//)?\\s*<\\d+>\\s*$");

    private Snippets() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the lines of every region of the file tagged {@code tag}, in order, or an empty list if the file has
     *         no such tag
     */
    static List<String> region(Path file, String tag) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : read(file).split("\n", -1)) {
            Matcher directive = TAG_LINE.matcher(line);
            if (directive.matches()) {
                if (directive.group(3).equals(tag)) {
                    inside = directive.group(2).equals("tag");
                }
            } else if (inside) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** @return the region as a reader sees it: no callouts, no common indentation, no trailing blank lines */
    static String asShown(List<String> region) {
        List<String> lines = new ArrayList<>();
        for (String line : region) {
            String shown = line;
            for (Matcher callout = CALLOUT.matcher(shown); callout.find(); callout = CALLOUT.matcher(shown)) {
                shown = shown.substring(0, callout.start());
            }
            lines.add(shown.stripTrailing());
        }
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString().strip() + "\n";
    }
}
