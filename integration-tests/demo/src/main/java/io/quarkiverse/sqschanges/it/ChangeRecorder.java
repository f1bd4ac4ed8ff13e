package io.quarkiverse.sqschanges.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.sqschanges.Change;

/**
 * Test support for running several instances of the demo: when {@code demo.record-file} is set, the message id
 * of every observed change is appended to that file, one per line, once the observer has done its work: after
 * {@code demo.record-delay} (none by default), which stands for a slow observer.
 */
@ApplicationScoped
public class ChangeRecorder {

    private final Writer out;
    private final Duration delay;

    ChangeRecorder(@ConfigProperty(name = "demo.record-file") Optional<Path> file,
            @ConfigProperty(name = "demo.record-delay", defaultValue = "0s") Duration delay) {
        this.delay = delay;
        try {
            this.out = file.isPresent()
                    ? Files.newBufferedWriter(file.get(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void record(@Observes Change change) throws IOException, InterruptedException {
        if (out != null) {
            Thread.sleep(delay.toMillis());
            synchronized (out) {
                out.write(change.message().messageId());
                out.write('\n');
                out.flush();
            }
        }
    }

    @PreDestroy
    void close() throws IOException {
        if (out != null) {
            synchronized (out) {
                out.close();
            }
        }
    }
}
