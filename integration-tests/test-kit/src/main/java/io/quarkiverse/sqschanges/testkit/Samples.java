package io.quarkiverse.sqschanges.testkit;

/**
 * Message bodies shaped like those AWS delivers to SQS, written by hand after the AWS documentation.
 */
public final class Samples {

    private Samples() {
    }

    public static String snsNotification(String messageJsonString, String subject) {
        return "{\n"
                + "  \"Type\" : \"Notification\",\n"
                + "  \"MessageId\" : \"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\",\n"
                + "  \"TopicArn\" : \"arn:aws:sns:us-west-2:123456789012:MyTopic\",\n"
                + (subject == null ? "" : "  \"Subject\" : \"" + subject + "\",\n")
                + "  \"Message\" : " + messageJsonString + ",\n"
                + "  \"Timestamp\" : \"2012-05-02T00:54:06.655Z\",\n"
                + "  \"SignatureVersion\" : \"1\",\n"
                + "  \"Signature\" : \"EXAMPLEw6JRN...\",\n"
                + "  \"SigningCertURL\" : \"https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem\",\n"
                + "  \"UnsubscribeURL\" : \"https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96\",\n"
                + "  \"MessageAttributes\" : {\n"
                + "    \"team\" : {\"Type\":\"String\",\"Value\":\"ml\"},\n"
                + "    \"priority\" : {\"Type\":\"Number\",\"Value\":\"2\"}\n"
                + "  }\n"
                + "}";
    }

    public static final String SNS_SUBSCRIPTION_CONFIRMATION = "{\n"
            + "  \"Type\" : \"SubscriptionConfirmation\",\n"
            + "  \"MessageId\" : \"165545c9-2a5c-472c-8df2-7ff2be2b3b1b\",\n"
            + "  \"Token\" : \"2336412f37...\",\n"
            + "  \"TopicArn\" : \"arn:aws:sns:us-west-2:123456789012:MyTopic\",\n"
            + "  \"Message\" : \"You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\\nTo confirm the subscription, visit the SubscribeURL included in this message.\",\n"
            + "  \"SubscribeURL\" : \"https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37...\",\n"
            + "  \"Timestamp\" : \"2012-04-26T20:45:04.751Z\"\n"
            + "}";

    public static final String SNS_UNSUBSCRIBE_CONFIRMATION = "{\n"
            + "  \"Type\" : \"UnsubscribeConfirmation\",\n"
            + "  \"MessageId\" : \"47138184-6831-46b8-8f7c-afc488602d7d\",\n"
            + "  \"Token\" : \"2336412f37...\",\n"
            + "  \"TopicArn\" : \"arn:aws:sns:us-west-2:123456789012:MyTopic\",\n"
            + "  \"Message\" : \"You have chosen to deactivate subscription arn:aws:sns:us-west-2:123456789012:MyTopic:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55.\\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.\",\n"
            + "  \"SubscribeURL\" : \"https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37fb6...\",\n"
            + "  \"Timestamp\" : \"2012-04-26T20:06:41.581Z\",\n"
            + "  \"SignatureVersion\" : \"1\",\n"
            + "  \"Signature\" : \"EXAMPLEHXgJm...\",\n"
            + "  \"SigningCertURL\" : \"https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem\"\n"
            + "}";

    /** An ObjectCreated record; {@code versionId} only on a versioned bucket ({@code null} otherwise). */
    public static String s3Created(String eventName, String key, String versionId, long size) {
        return s3Record(eventName, "{\"key\":\"" + key + "\",\"size\":" + size
                + ",\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\","
                + (versionId == null ? "" : "\"versionId\":\"" + versionId + "\",")
                + "\"sequencer\":\"0055AED6DCD90281E5\"}", "");
    }

    /** An ObjectRemoved:Delete record of an unversioned bucket: no size, no ETag, no version id. */
    public static String s3Deleted(String key, String sequencer) {
        return s3Record("ObjectRemoved:Delete", "{\"key\":\"" + key + "\",\"sequencer\":\"" + sequencer + "\"}", "");
    }

    /** An ObjectRestore:Completed record of an unversioned bucket: neither a version id nor a sequencer. */
    public static String s3RestoreCompleted(String key, long size) {
        return s3Record("ObjectRestore:Completed", "{\"key\":\"" + key + "\",\"size\":" + size
                + ",\"eTag\":\"b1946ac92492d2347c6235b4d2611184\"}",
                ",\n  \"glacierEventData\":{\"restoreEventData\":{\"lifecycleRestorationExpiryTime\":"
                        + "\"2024-03-22T00:00:00.000Z\",\"lifecycleRestoreStorageClass\":\"GLACIER\"}}");
    }

    private static String s3Record(String eventName, String object, String more) {
        return "{\n"
                + "  \"eventVersion\":\"2.1\",\n"
                + "  \"eventSource\":\"aws:s3\",\n"
                + "  \"awsRegion\":\"us-west-2\",\n"
                + "  \"eventTime\":\"2024-03-15T10:15:30.123Z\",\n"
                + "  \"eventName\":\"" + eventName + "\",\n"
                + "  \"userIdentity\":{\"principalId\":\"AWS:AIDAEXAMPLE\"},\n"
                + "  \"requestParameters\":{\"sourceIPAddress\":\"203.0.113.10\"},\n"
                + "  \"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\",\"x-amz-id-2\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD\"},\n"
                + "  \"s3\":{\n"
                + "    \"s3SchemaVersion\":\"1.0\",\n"
                + "    \"configurationId\":\"models-uploaded\",\n"
                + "    \"bucket\":{\"name\":\"ml-models\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},\"arn\":\"arn:aws:s3:::ml-models\"},\n"
                + "    \"object\":" + object + "\n"
                + "  }" + more + "\n"
                + "}";
    }

    public static String s3Notification(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    public static final String S3_TEST_EVENT = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\","
            + "\"Time\":\"2024-03-15T10:00:00.000Z\",\"Bucket\":\"ml-models\",\"RequestId\":\"5582815E1AEA5ADF\","
            + "\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE\"}";

    public static final String EVENTBRIDGE_EVENT = "{\n"
            + "  \"version\": \"0\",\n"
            + "  \"id\": \"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\n"
            + "  \"detail-type\": \"EC2 Instance State-change Notification\",\n"
            + "  \"source\": \"aws.ec2\",\n"
            + "  \"account\": \"111122223333\",\n"
            + "  \"time\": \"2017-12-22T18:43:48Z\",\n"
            + "  \"region\": \"us-west-1\",\n"
            + "  \"resources\": [\"arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0\"],\n"
            + "  \"detail\": {\n"
            + "    \"instance-id\": \"i-1234567890abcdef0\",\n"
            + "    \"state\": \"terminated\"\n"
            + "  }\n"
            + "}";

    /** An S3 "Object Created" event as EventBridge delivers it (versioned bucket); the key is URL-encoded. */
    public static String eventBridgeS3Created(String key) {
        return "{\n"
                + "  \"version\": \"0\",\n"
                + "  \"id\": \"17793124-05d4-b198-2fde-7ededc63b103\",\n"
                + "  \"detail-type\": \"Object Created\",\n"
                + "  \"source\": \"aws.s3\",\n"
                + "  \"account\": \"111122223333\",\n"
                + "  \"time\": \"2024-03-15T11:00:00Z\",\n"
                + "  \"region\": \"eu-west-1\",\n"
                + "  \"resources\": [\"arn:aws:s3:::ml-models\"],\n"
                + "  \"detail\": {\n"
                + "    \"version\": \"0\",\n"
                + "    \"bucket\": {\"name\": \"ml-models\"},\n"
                + "    \"object\": {\n"
                + "      \"key\": \"" + key + "\",\n"
                + "      \"size\": 5,\n"
                + "      \"etag\": \"b1946ac92492d2347c6235b4d2611184\",\n"
                + "      \"version-id\": \"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e\",\n"
                + "      \"sequencer\": \"617f08299329d189\"\n"
                + "    },\n"
                + "    \"request-id\": \"N4N7GDK58NMKJ12R\",\n"
                + "    \"requester\": \"123456789012\",\n"
                + "    \"source-ip-address\": \"203.0.113.10\",\n"
                + "    \"reason\": \"PutObject\"\n"
                + "  }\n"
                + "}";
    }

    /** An S3 "Object Deleted" event of an unversioned bucket as EventBridge delivers it: no size, no version id. */
    public static final String EVENTBRIDGE_S3_DELETED = "{\n"
            + "  \"version\": \"0\",\n"
            + "  \"id\": \"2ee9cc15-d022-99ea-1fb8-1b1bac4850f9\",\n"
            + "  \"detail-type\": \"Object Deleted\",\n"
            + "  \"source\": \"aws.s3\",\n"
            + "  \"account\": \"111122223333\",\n"
            + "  \"time\": \"2024-03-15T11:05:00Z\",\n"
            + "  \"region\": \"eu-west-1\",\n"
            + "  \"resources\": [\"arn:aws:s3:::ml-models\"],\n"
            + "  \"detail\": {\n"
            + "    \"version\": \"0\",\n"
            + "    \"bucket\": {\"name\": \"ml-models\"},\n"
            + "    \"object\": {\n"
            + "      \"key\": \"models/old.onnx\",\n"
            + "      \"etag\": \"d41d8cd98f00b204e9800998ecf8427e\",\n"
            + "      \"sequencer\": \"617f0837b476e463\"\n"
            + "    },\n"
            + "    \"request-id\": \"0BH729840619AG5K\",\n"
            + "    \"requester\": \"123456789012\",\n"
            + "    \"source-ip-address\": \"203.0.113.10\",\n"
            + "    \"reason\": \"DeleteObject\",\n"
            + "    \"deletion-type\": \"Permanently Deleted\"\n"
            + "  }\n"
            + "}";

    /** A JSON string literal of the text, for embedding in an envelope. */
    public static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
