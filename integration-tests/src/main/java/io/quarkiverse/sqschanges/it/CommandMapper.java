package io.quarkiverse.sqschanges.it;

import java.util.Map;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;

/**
 * The README's mapper: a body such as {@code action build} becomes the property {@code action} = {@code build};
 * lines starting with {@code #} make no change.
 */
@ChangeMapper("commands")
public class CommandMapper implements MessageMapper {

    @Override
    public Map<String, Object> properties(MappedMessage message) {
        String line = message.body().trim();
        if (line.startsWith("#")) {
            return null; // no change; the message is deleted
        }
        String[] words = line.split("\\s+", 2);
        if (words.length < 2) {
            throw new IllegalArgumentException("expected '<name> <value>'");
        }
        return Map.of(words[0], words[1]);
    }
}
