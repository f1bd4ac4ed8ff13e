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
 * An abstract class or an interface cannot be instantiated, so it cannot be a queue's mapper.
 */
class AbstractMapperTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BaseMapper.class, MapperContract.class))
            .assertException(e -> assertThat(BuildErrors.text(e))
                    .contains("@ChangeMapper(\"orders\") on " + BaseMapper.class.getName() + " is an abstract type,"
                            + " which cannot be instantiated; put the annotation on a concrete class")
                    .contains("@ChangeMapper({\"eu\", \"us\"}) on " + MapperContract.class.getName()
                            + " is an abstract type, which cannot be instantiated; put the annotation on a concrete"
                            + " class"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @ChangeMapper("orders")
    public abstract static class BaseMapper implements MessageMapper {
        @Override
        public Map<String, ?> properties(MappedMessage message) {
            return Map.of();
        }
    }

    @ChangeMapper({ "eu", "us" })
    public interface MapperContract extends MessageMapper {
    }
}
