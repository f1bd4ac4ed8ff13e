package io.quarkiverse.sqschanges.runtime.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.sqschanges.Change;
import io.quarkiverse.sqschanges.SqsMessage;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The envelope formats' errors are invalid messages that name fields, never the sender's text (they are logged at
 * ERROR).
 */
class EnvelopeErrorsTest {

    static final String SECRET = "s3cr3t-text";

    final JsonObjectParser parser = new JsonObjectParser(new ObjectMapper());

    @Test
    void anUnknownSnsTypeIsNotQuoted() {
        String body = "{\"Type\":\"" + SECRET + "\",\"TopicArn\":\"arn:aws:sns:us-west-2:123456789012:t\","
                + "\"Message\":\"hi\"}";

        InvalidMessageException e = invalid(new SnsFormat(parser, false, JsonSchemaCheck.NONE), body);

        assertThat(e).hasMessage("the body is not an SNS notification (its \"Type\" is not Notification)");
    }

    @Test
    void snsOwnTypesAreNamed() {
        String body = "{\"Type\":\"UnsubscribeConfirmation\",\"TopicArn\":\"arn:aws:sns:us-west-2:123456789012:t\","
                + "\"Message\":\"bye\"}";

        assertThat(invalid(new SnsFormat(parser, false, JsonSchemaCheck.NONE), body))
                .hasMessage("the body is an SNS UnsubscribeConfirmation message, not a Notification");
    }

    @Test
    void anSnsControlMessageOnAnS3QueueSaysWhatItIs() {
        String body = "{\"Type\":\"SubscriptionConfirmation\",\"TopicArn\":\"arn:aws:sns:us-west-2:123456789012:t\","
                + "\"Message\":\"You have chosen to subscribe\",\"SubscribeURL\":\"https://sns.example/confirm\"}";

        assertThat(invalid(new S3Format(parser), body)).hasMessage("the body is an SNS SubscriptionConfirmation message,"
                + " not a Notification; confirm the subscription with its SubscribeURL");
    }

    @Test
    void aMalformedEscapeInAnS3KeyNamesTheRecordAndField() {
        String body = "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"ok\"}}},"
                + "{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"" + SECRET + "%zz\"}}}]}";

        InvalidMessageException e = invalid(new S3Format(parser), body);

        assertThat(e).hasMessage("record 1's s3.object.key is not URL-encoded: a '%' is not followed by two"
                + " hexadecimal digits");
    }

    @Test
    void aTrailingPercentInAnEventBridgeS3KeyNamesTheField() {
        String body = "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{\"bucket\":{\"name\":\"b\"},"
                + "\"object\":{\"key\":\"" + SECRET + "%\"}}}";

        InvalidMessageException e = invalid(new S3Format(parser), body);

        assertThat(e).hasMessage("the EventBridge event's detail.object.key is not URL-encoded: a '%' is not"
                + " followed by two hexadecimal digits");
    }

    @Test
    void notS3AndNotEventBridgeQuoteNothing() {
        assertThat(invalid(new S3Format(parser), "{\"source\":\"" + SECRET + "\",\"detail\":{}}").getMessage())
                .doesNotContain(SECRET).contains("no \"Records\"");
        assertThat(invalid(new S3Format(parser), "{\"source\":\"aws.s3\",\"detail-type\":\"" + SECRET
                + "\",\"detail\":{}}").getMessage()).doesNotContain(SECRET).contains("detail.object.key");
        assertThat(invalid(new EventBridgeFormat(parser, JsonSchemaCheck.NONE), "{\"source\":\"" + SECRET
                + "\",\"detail\":[]}").getMessage()).doesNotContain(SECRET);
        assertThat(invalid(new S3Format(parser), "{\"Records\":[\"" + SECRET + "\"]}").getMessage())
                .doesNotContain(SECRET);
    }

    private static InvalidMessageException invalid(BodyFormat format, String body) {
        SqsMessage message = SqsMessage.of(Message.builder().messageId("m-1").body(body).build());
        Change.Builder defaults = Change.builder("q", "http://localhost/000000000000/q", "q", message);
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> format.decode(defaults, message));
        assertThat(e).as("the format rejects the body").isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET);
        return e;
    }
}
