package io.quarkiverse.sqschanges.it;

// README.md shows this file from here on, as its mapper example: keep the two identical.
import java.util.Map;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;

/**
 * Lines such as {@code action build} become the property {@code action} = {@code build}.
 */
@ChangeMapper("commands")
public class CommandMapper implements MessageMapper {

    @Override
    public Map<String, Object> properties(MappedMessage message) {
        String line = message.body().trim(); // "action build"
        if (line.startsWith("#")) {
            return null; // a comment: no change, and the message is deleted
        }
        String[] words = line.split("\\s+", 2);
        if (words.length < 2) {
            throw new IllegalArgumentException("expected '<name> <value>'"); // the message stays on the queue
        }
        return Map.of(words[0], words[1]); // the property action = "build"
    }
}
