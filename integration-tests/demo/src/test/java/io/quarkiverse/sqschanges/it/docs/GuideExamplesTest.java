package io.quarkiverse.sqschanges.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The guide's examples are symbolic links to sources of this application and its tests, so that each example
 * exists once; these tests fail when a link or an included tag no longer leads anywhere, which Antora would only
 * warn about.
 */
class GuideExamplesTest {

    private static final Path DOCS = Snippets.ROOT.resolve("docs/modules/ROOT");
    private static final Pattern INCLUDE = Pattern.compile("include::example\\$([^\\[]+)\\[([^\\]]*)\\]");
    private static final Pattern TAG = Pattern.compile("tags?=([\\w-]+)");

    @Test
    void everyLinkedExampleIsAFileOfThisRepository() throws IOException {
        List<Path> links;
        try (Stream<Path> files = Files.walk(DOCS.resolve("examples"))) {
            links = files.filter(Files::isSymbolicLink).toList();
        }
        assertThat(links).as("linked examples").isNotEmpty().allSatisfy(link -> {
            Path target = link.getParent().resolve(Files.readSymbolicLink(link));
            assertThat(Files.readSymbolicLink(link).isAbsolute()).as("%s is a relative link", link).isFalse();
            assertThat(target).as("target of %s", link).isRegularFile();
            assertThat(target.toRealPath()).as("target of %s", link).startsWith(Snippets.ROOT.toRealPath());
        });
    }

    @Test
    void everyIncludedExampleAndTagExists() throws IOException {
        List<String> problems = new ArrayList<>();
        int includes = 0;
        try (Stream<Path> pages = Files.list(DOCS.resolve("pages"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                Matcher include = INCLUDE.matcher(Snippets.read(page));
                while (include.find()) {
                    includes++;
                    Path example = DOCS.resolve("examples").resolve(include.group(1));
                    Matcher tag = TAG.matcher(include.group(2));
                    if (!Files.isRegularFile(example)) {
                        problems.add(page.getFileName() + " includes " + include.group(1) + ", which does not exist");
                    } else if (tag.find() && Snippets.region(example, tag.group(1)).isEmpty()) {
                        problems.add(page.getFileName() + " includes tag " + tag.group(1) + " of " + include.group(1)
                                + ", which has no such tag");
                    }
                }
            }
        }
        assertThat(includes).as("example includes in the guide").isPositive();
        assertThat(problems).isEmpty();
    }
}
