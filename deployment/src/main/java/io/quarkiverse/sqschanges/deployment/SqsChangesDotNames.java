package io.quarkiverse.sqschanges.deployment;

import org.jboss.jandex.DotName;

import io.quarkiverse.sqschanges.ChangeMapper;
import io.quarkiverse.sqschanges.MappedMessage;
import io.quarkiverse.sqschanges.MessageMapper;

final class SqsChangesDotNames {

    static final DotName CHANGE_MAPPER = DotName.createSimple(ChangeMapper.class);
    static final DotName MESSAGE_MAPPER = DotName.createSimple(MessageMapper.class);
    static final DotName MAPPED_MESSAGE = DotName.createSimple(MappedMessage.class);

    private SqsChangesDotNames() {
    }
}
