package io.quarkiverse.sqschanges.it;

// The README and the guide show the lines between the "mapper" tags; ReadmeSnippetsTest fails when the README's
// copy differs.
// tag::mapper[]
import java.util.Map;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;

/**
 * Lines such as {@code action build} become the property {@code action} = {@code build}.
 */
@ChangeMapper("commands") // <1>
public class CommandMapper implements MessageMapper {

    @Override
    public Map<String, Object> properties(MappedMessage message) { // <2>
        String line = message.body().trim(); // "action build"
        if (line.startsWith("#")) {
            return null; // a comment: no change, and the message is deleted <3>
        }
        String[] words = line.split("\\s+", 2);
        if (words.length < 2) {
            throw new IllegalArgumentException("expected '<name> <value>'"); // the message stays on the queue <4>
        }
        return Map.of(words[0], words[1]); // the property action = "build"
    }
}
// end::mapper[]
