package io.quarkiverse.sqschanges.docs;

// tag::mapper[]
import java.util.Map;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;

@ChangeMapper("commands") // <1>
public class CommandMapper implements MessageMapper {

    @Override
    public Map<String, Object> properties(MappedMessage message) { // <2>
        String line = message.body().trim(); // "action build"
        if (line.startsWith("#")) {
            return null; // <3>
        }
        String[] words = line.split("\\s+", 2);
        if (words.length < 2) {
            throw new IllegalArgumentException("expected '<name> <value>'"); // <4>
        }
        return Map.of(words[0], words[1]); // property action = "build"
    }
}
// end::mapper[]
