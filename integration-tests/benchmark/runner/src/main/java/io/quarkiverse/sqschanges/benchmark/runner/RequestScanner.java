package io.quarkiverse.sqschanges.benchmark.runner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads the bytes a client sends over one connection and reports each SQS request: its action from the
 * {@code X-Amz-Target: AmazonSQS.<action>} header, its queue from the {@code QueueUrl} (or {@code QueueName})
 * field of its JSON body (the AWS JSON protocol the SDK speaks).
 */
final class RequestScanner {

    private static final byte[] TARGET_HEADER = ascii("x-amz-target: amazonsqs.");
    private static final byte[][] QUEUE_FIELDS = { ascii("\"QueueUrl\":\""), ascii("\"QueueName\":\"") };
    private static final int MAX_LINE = 128;

    private final Consumer<Request> requests;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private final int[] matched = new int[QUEUE_FIELDS.length];
    private final StringBuilder queue = new StringBuilder();
    private boolean inQueue;
    /** The action of the request being read, until its queue is found. */
    private String action;
    private long nanos;

    RequestScanner(Consumer<Request> requests) {
        this.requests = requests;
    }

    void scan(byte[] buffer, int count) {
        for (int i = 0; i < count; i++) {
            byte b = buffer[i];
            if (inQueue) {
                readQueue(b);
                continue;
            }
            readLine(b);
            if (action != null) {
                matchQueueField(b);
            }
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
        if (end > TARGET_HEADER.length && startsWithTargetHeader()) {
            if (action != null) {
                emit("");
            }
            action = new String(line, TARGET_HEADER.length, end - TARGET_HEADER.length, StandardCharsets.US_ASCII)
                    .trim();
            nanos = System.nanoTime();
        }
        lineLength = 0;
    }

    private boolean startsWithTargetHeader() {
        for (int i = 0; i < TARGET_HEADER.length; i++) {
            if (Character.toLowerCase(line[i]) != TARGET_HEADER[i]) {
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
        requests.accept(new Request(action, queueName, nanos));
        action = null;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
