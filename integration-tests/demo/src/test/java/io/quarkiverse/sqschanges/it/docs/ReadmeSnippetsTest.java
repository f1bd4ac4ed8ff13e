package io.quarkiverse.sqschanges.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * README.md is plain GitHub markdown, without includes, so it keeps copies of its Java examples. Each copy is
 * preceded by a comment naming its source, {@code <!-- source: path/to/File.java tag=name -->}, and must be that
 * region of the file as the guide shows it (see {@link Snippets}).
 */
class ReadmeSnippetsTest {

    private static final Pattern SOURCE = Pattern.compile("<!-- source: (\\S+) tag=([\\w-]+) -->");

    record Block(int line, String source, String tag, String code) {
    }

    @Test
    void everyJavaBlockNamesItsSource() {
        assertThat(blocks()).as("Java blocks of README.md").isNotEmpty()
                .allSatisfy(block -> assertThat(block.source())
                        .as("README.md line %d: a ```java block needs <!-- source: path tag=name --> on the line"
                                + " before it", block.line())
                        .isNotNull());
    }

    @Test
    void everyJavaBlockIsItsSourceRegion() {
        for (Block block : blocks()) {
            if (block.source() == null) {
                continue;
            }
            Path source = Snippets.ROOT.resolve(block.source());
            assertThat(source).as("README.md line %d names %s", block.line(), block.source()).isRegularFile();
            List<String> region = Snippets.region(source, block.tag());
            assertThat(region).as("README.md line %d: tag %s in %s", block.line(), block.tag(), block.source())
                    .isNotEmpty();
            assertThat(block.code())
                    .as("README.md line %d copies tag %s of %s: make the copy what the file has", block.line(),
                            block.tag(), block.source())
                    .isEqualTo(Snippets.asShown(region));
        }
    }

    private static List<Block> blocks() {
        String[] lines = Snippets.read(Snippets.ROOT.resolve("README.md")).split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```java")) {
                continue;
            }
            Matcher source = i > 0 ? SOURCE.matcher(lines[i - 1].strip()) : null;
            boolean named = source != null && source.matches();
            StringBuilder code = new StringBuilder();
            int start = i + 1;
            for (i = start; i < lines.length && !lines[i].strip().equals("```"); i++) {
                code.append(lines[i]).append('\n');
            }
            blocks.add(new Block(start, named ? source.group(1) : null, named ? source.group(2) : null,
                    code.toString().strip() + "\n"));
        }
        return blocks;
    }
}
