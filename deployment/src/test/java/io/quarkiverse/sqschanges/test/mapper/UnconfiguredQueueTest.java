package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Queue names are runtime configuration, so a mapper bound to a queue that is not configured fails startup.
 */
class UnconfiguredQueueTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrdersMapper.class))
            .overrideConfigKey("quarkus.sqs-changes.queues.orders.url", "http://127.0.0.1:1/000000000000/orders")
            .assertException(e -> assertThat(e).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("@ChangeMapper(\"ordrs\") on " + OrdersMapper.class.getName() + " names no"
                            + " configured queue; known queues: [orders]. Configure"
                            + " quarkus.sqs-changes.queues.ordrs.url or fix the name."));

    @Test
    void startupFails() {
        // the assertion is in assertException
    }

    @ChangeMapper("ordrs")
    public static class OrdersMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }
}
