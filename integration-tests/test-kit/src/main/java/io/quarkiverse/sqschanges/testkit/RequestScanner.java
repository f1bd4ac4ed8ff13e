package io.quarkiverse.sqschanges.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads the bytes a client sends over one connection and reports each SQS request: its action from the
 * {@code X-Amz-Target: AmazonSQS.<action>} header, its queue from the {@code QueueUrl} (or {@code QueueName})
 * field of its JSON body (the AWS JSON protocol the SDK speaks). A request is reported once its queue is read, or
 * at the end of its body ({@code Content-Length}) if it names none; without a length, when the next one begins.
 */
final class RequestScanner {

    private static final byte[] TARGET_HEADER = ascii("x-amz-target: amazonsqs.");
    private static final byte[] LENGTH_HEADER = ascii("content-length:");
    private static final byte[][] QUEUE_FIELDS = { ascii("\"QueueUrl\":\""), ascii("\"QueueName\":\"") };
    private static final int MAX_LINE = 128;

    private final Consumer<SqsRequest> requests;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private final int[] matched = new int[QUEUE_FIELDS.length];
    private final StringBuilder queue = new StringBuilder();
    private boolean inQueue;
    /** The action of the request being read, until it is reported. */
    private String action;
    private long nanos;
    /** The length of the body of the request being read, from its headers; -1 until read, or if it has none. */
    private long contentLength = -1;
    /** Bytes of a body of known length still to come; 0 while reading headers or a body of unknown length. */
    private long bodyLeft;

    RequestScanner(Consumer<SqsRequest> requests) {
        this.requests = requests;
    }

    void scan(byte[] buffer, int count) {
        for (int i = 0; i < count; i++) {
            byte b = buffer[i];
            if (bodyLeft > 0) {
                readBody(b);
                if (--bodyLeft == 0) {
                    endOfBody();
                }
            } else if (inQueue) {
                readQueue(b);
            } else {
                readLine(b);
                if (action != null) {
                    matchQueueField(b);
                }
            }
        }
    }

    private void readBody(byte b) {
        if (action == null) {
            return;
        }
        if (inQueue) {
            readQueue(b);
        } else {
            matchQueueField(b);
        }
    }

    private void readLine(byte b) {
        if (b != '\n') {
            if (lineLength < MAX_LINE) {
                line[lineLength++] = b;
            }
            return;
        }
        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        if (end > TARGET_HEADER.length && startsWith(TARGET_HEADER)) {
            if (action != null) {
                emit("");
            }
            action = new String(line, TARGET_HEADER.length, end - TARGET_HEADER.length, StandardCharsets.US_ASCII)
                    .trim();
            nanos = System.nanoTime();
        } else if (end > LENGTH_HEADER.length && startsWith(LENGTH_HEADER)) {
            String length = new String(line, LENGTH_HEADER.length, end - LENGTH_HEADER.length,
                    StandardCharsets.US_ASCII).trim();
            contentLength = length.chars().allMatch(Character::isDigit) && !length.isEmpty() ? Long.parseLong(length)
                    : -1;
        } else if (end == 0) {
            endOfHeaders();
        }
        lineLength = 0;
    }

    private void endOfHeaders() {
        if (contentLength == 0 && action != null) {
            emit("");
        }
        bodyLeft = Math.max(contentLength, 0);
        contentLength = -1;
        Arrays.fill(matched, 0);
    }

    private void endOfBody() {
        inQueue = false;
        if (action != null) {
            emit("");
        }
    }

    private boolean startsWith(byte[] lowerCasePrefix) {
        for (int i = 0; i < lowerCasePrefix.length; i++) {
            if (Character.toLowerCase(line[i]) != lowerCasePrefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void matchQueueField(byte b) {
        for (int f = 0; f < QUEUE_FIELDS.length; f++) {
            byte[] field = QUEUE_FIELDS[f];
            if (b == field[matched[f]]) {
                if (++matched[f] == field.length) {
                    Arrays.fill(matched, 0);
                    queue.setLength(0);
                    inQueue = true;
                    return;
                }
            } else {
                matched[f] = b == field[0] ? 1 : 0;
            }
        }
    }

    private void readQueue(byte b) {
        if (b == '"') {
            inQueue = false;
            String urlOrName = queue.toString();
            emit(urlOrName.substring(urlOrName.lastIndexOf('/') + 1));
        } else {
            queue.append((char) b);
        }
    }

    private void emit(String queueName) {
        requests.accept(new SqsRequest(action, queueName, nanos));
        action = null;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
