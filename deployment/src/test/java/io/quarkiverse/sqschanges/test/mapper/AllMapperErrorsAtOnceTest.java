package io.quarkiverse.sqschanges.test.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MessageMapper;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Every binding problem is reported in one build failure; a mapper that overrides nothing is one of them.
 */
class AllMapperErrorsAtOnceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NotAMapper.class, LazyMapper.class))
            .assertException(e -> assertThat(BuildErrors.text(e))
                    .contains("@ChangeMapper on " + NotAMapper.class.getName() + " is on a class that does not"
                            + " implement")
                    .contains("@ChangeMapper on " + LazyMapper.class.getName() + " binds a mapper that overrides"
                            + " neither properties(MappedMessage) nor map(MappedMessage); override one of them")
                    .contains("@ChangeMapper on " + LazyMapper.class.getName() + " names an empty or blank queue"));

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
}
