package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkus.test.QuarkusUnitTest;

class TwoMappersOneQueueTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FirstMapper.class, SecondMapper.class))
            .assertException(e -> assertThat(BuildErrors.text(e)).contains("@ChangeMapper(\"orders\") on "
                    + FirstMapper.class.getName() + " and @ChangeMapper({\"invoices\", \"orders\"}) on "
                    + SecondMapper.class.getName() + " bind the same queue \"orders\"; a queue has one mapper, so"
                    + " remove \"orders\" from all but one of them"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @ChangeMapper("orders")
    public static class FirstMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }

    @ChangeMapper({ "invoices", "orders" })
    public static class SecondMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }
}
