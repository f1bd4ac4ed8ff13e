package io.quarkiverse.sqschanges.docs;

// tag::mapper[]
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;

@ChangeMapper({ "models", "models-eu" }) // <1>
public class ModelMapper implements MessageMapper {

    @Override
    public Optional<Change> map(MappedMessage message) {
        ObjectNode json = message.json().orElseThrow(); // <2>
        return Optional.of(message.change() // <3>
                .branch(json.path("git").path("branch").asText())
                .revision(json.path("git").path("sha").asText())
                .project(json.path("model").asText())
                .property("source", message.queue())
                .build());
    }
}
// end::mapper[]
