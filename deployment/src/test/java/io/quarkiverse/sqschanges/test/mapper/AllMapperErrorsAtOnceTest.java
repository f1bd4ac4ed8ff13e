package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Every binding problem is reported in one build failure; a mapper that overrides nothing is one of them.
 */
class AllMapperErrorsAtOnceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotAMapper.class, LazyMapper.class, FirstOrdersMapper.class,
                    SecondOrdersMapper.class))
            .assertException(e -> assertThat(BuildErrors.text(e))
                    .contains("@ChangeMapper(\"a\") on " + NotAMapper.class.getName() + " does not implement"
                            + " io.quarkiverse.sqschanges.MessageMapper; implement it or remove the annotation")
                    .contains("@ChangeMapper(\"\") on " + LazyMapper.class.getName() + " overrides neither"
                            + " properties(MappedMessage) nor map(MappedMessage) of"
                            + " io.quarkiverse.sqschanges.MessageMapper; override one of them")
                    .contains("@ChangeMapper(\"\") on " + LazyMapper.class.getName() + " names a blank queue")
                    .contains("@ChangeMapper(\"orders\") on " + FirstOrdersMapper.class.getName()
                            + " and @ChangeMapper(\"orders\") on " + SecondOrdersMapper.class.getName()
                            + " bind the same queue \"orders\""));

    @Test
    void buildFailsOnce() {
        // the assertion is in assertException
    }

    @ChangeMapper("a")
    public static class NotAMapper {
    }

    @ChangeMapper("")
    public static class LazyMapper implements MessageMapper {
    }

    @ChangeMapper("orders")
    public static class FirstOrdersMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }

    @ChangeMapper("orders")
    public static class SecondOrdersMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }
}
