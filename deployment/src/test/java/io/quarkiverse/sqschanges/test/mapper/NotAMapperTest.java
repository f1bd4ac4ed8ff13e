package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkus.test.QuarkusUnitTest;

class NotAMapperTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrdersMapper.class))
            .assertException(e -> assertThat(BuildErrors.text(e)).contains("@ChangeMapper(\"orders\") on "
                    + OrdersMapper.class.getName() + " does not implement io.quarkiverse.sqschanges.MessageMapper;"
                    + " implement it or remove the annotation"));

    @Test
    void buildFails() {
        // the assertion is in assertException
    }

    @ChangeMapper("orders")
    public static class OrdersMapper {
    }
}
