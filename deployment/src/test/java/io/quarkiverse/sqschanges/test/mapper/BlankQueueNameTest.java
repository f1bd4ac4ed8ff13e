package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkus.test.QuarkusUnitTest;

class BlankQueueNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BlankMapper.class))
            .assertException(e -> assertThat(BuildErrors.text(e)).contains("@ChangeMapper(\" \") on "
                    + BlankMapper.class.getName() + " names a blank queue; name a queue configured under"
                    + " quarkus.sqs-changes.queues"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @ChangeMapper(" ")
    public static class BlankMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }
}
