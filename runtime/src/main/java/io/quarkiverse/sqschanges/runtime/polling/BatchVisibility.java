package io.quarkiverse.sqschanges.runtime.polling;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the handler of a batch may ask of the heartbeat that keeps the batch hidden, before the batch is settled.
 */
interface BatchVisibility {

    /** The message is kept: it needs no more extension, and SQS may deliver it again. */
    void released(Message message);

    /**
     * Keeps the message hidden past its batch, while its changes wait in change sets.
     *
     * @return the held message, to settle on its own; {@code null} if the batch has no heartbeat
     */
    HeldMessages.HeldMessage hold(Message message);

    /** @return the visibility timeout the batch was received with; 0 or less if unknown */
    int visibilitySeconds();
}
