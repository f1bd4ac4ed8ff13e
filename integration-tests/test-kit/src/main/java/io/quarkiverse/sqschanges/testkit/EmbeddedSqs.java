package io.quarkiverse.sqschanges.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import io.quarkus.test.QuarkusUnitTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An ElasticMQ server in this JVM on 127.0.0.1, with a plain SDK client to create queues, send messages and look at
 * what is left on a queue.
 * <p>
 * {@link #start()} starts a server of one's own. {@link #shared(String)} is the one server of that name in the JVM,
 * which every class loader sees: a Quarkus test class is initialized twice, by JUnit and by the application's class
 * loader, and both copies must reach one server (use fixed queue names, so that both see one queue too).
 * {@link #at(String)} and {@link #devService()} are clients of a server started elsewhere. A server can be
 * {@linkplain #stop() stopped} and {@linkplain #restart() started again} on its port, empty.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final String SHARED_PREFIX = "sqs-changes.testkit.sqs.";
    private static final String ENDPOINT = "endpoint";
    private static final String STOP = "stop";
    private static final String RESTART = "restart";

    private static final Map<String, EmbeddedSqs> CLIENTS = new ConcurrentHashMap<>();

    private final String endpoint;
    /** {@link #ENDPOINT}, and the server's {@link #STOP} and {@link #RESTART} as Runnables; empty for a client only. */
    private final Map<String, Object> controls;
    private final boolean owned;
    private volatile SqsClient client;

    private EmbeddedSqs(Map<String, Object> controls, boolean owned) {
        this.endpoint = (String) controls.get(ENDPOINT);
        this.controls = controls;
        this.owned = owned;
    }

    /** @return a new server on a free port; {@link #close()} stops it */
    public static EmbeddedSqs start() {
        return start(0);
    }

    /** @return a new server on that port (waiting a little for it to be free, as after a server stopped on it) */
    public static EmbeddedSqs start(int port) {
        return new EmbeddedSqs(new Server(port).controls(), true);
    }

    /** @return the shared server of this JVM, started on first use */
    public static EmbeddedSqs shared() {
        return shared("default");
    }

    /**
     * @param name tells the shared servers of the JVM apart: a test that stops its server uses one of its own
     * @return the server of that name, started on first use; the same server in every class loader
     */
    public static EmbeddedSqs shared(String name) {
        return CLIENTS.computeIfAbsent(SHARED_PREFIX + name, key -> new EmbeddedSqs(
                JvmShared.computeIfAbsent(key, () -> new Server(0).controls()), false));
    }

    /** @return a client of the SQS server at that endpoint, started elsewhere */
    public static EmbeddedSqs at(String endpoint) {
        return new EmbeddedSqs(Map.of(ENDPOINT, endpoint), false);
    }

    /**
     * @return a client of the server that the extension's Dev Service started for the running test application (call
     *         it from a test method: the endpoint is known once the application has started)
     */
    public static EmbeddedSqs devService() {
        String endpoint = ConfigProvider.getConfig().getValue("quarkus.sqs.endpoint-override", String.class);
        return CLIENTS.computeIfAbsent(endpoint, EmbeddedSqs::at);
    }

    /** @return the endpoint, such as {@code http://127.0.0.1:41234} */
    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** @return a client of this server, created on first use and closed by {@link #close()} */
    public SqsClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = SqsClients.sync(endpoint);
                }
            }
        }
        return client;
    }

    /** Stops the server; {@link #restart()} starts it again on the same port. */
    public void stop() {
        control(STOP).run();
    }

    /** Starts a new server on the port of the stopped one: its queues and messages are gone. */
    public void restart() {
        control(RESTART).run();
    }

    /** Closes the client, and stops the server if {@link #start()} started it (a shared server runs on). */
    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (owned) {
            stop();
        }
    }

    /** @return the {@code quarkus.sqs.*} properties that point the default SQS client of an application here */
    public Map<String, String> clientConfig() {
        return SqsClients.config(endpoint);
    }

    /** Points the default SQS client of a test application here; the Amazon services' own Dev Service stays off. */
    public QuarkusUnitTest configure(QuarkusUnitTest test) {
        clientConfig().forEach(test::overrideConfigKey);
        return test.overrideConfigKey("quarkus.sqs.devservices.enabled", "false");
    }

    /** @return the URL of an existing queue */
    public String queueUrl(String name) {
        return client().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** @return the URL of a new queue (or of the queue of that name, if it exists with the same attributes) */
    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    /** @return the URL of a new queue with these attributes (FIFO if the name ends with {@code .fifo}) */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        if (name.endsWith(".fifo")) {
            all.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return client().createQueue(b -> b.queueName(name).attributes(all)).queueUrl();
    }

    /** @return the message id */
    public String send(String queueUrl, String body) {
        return client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** @return the message id */
    public String sendFifo(String queueUrl, String body, String group, String deduplicationId) {
        return client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(deduplicationId)).messageId();
    }

    /** @return the messages on the queue, visible, in flight or delayed */
    public int messagesOnQueue(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** @return the messages received by a consumer and neither deleted nor visible again yet */
    public int messagesInFlight(String queueUrl) {
        return Integer.parseInt(client().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives (and so hides for the given time) what is visible on a queue, without deleting it. */
    public List<Message> receiveVisible(String queueUrl, int visibilitySeconds) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = client().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(visibilitySeconds).waitTimeSeconds(0)).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private Runnable control(String name) {
        Runnable control = (Runnable) controls.get(name);
        if (control == null) {
            throw new IllegalStateException("The SQS server at " + endpoint + " was not started by the test kit;"
                    + " start it with EmbeddedSqs.start() or shared() to stop or restart it");
        }
        return control;
    }

    /** One server and its port, which it keeps across a restart. */
    private static final class Server {

        private int port;
        private SQSRestServer running;

        Server(int port) {
            this.port = port;
            start();
        }

        Map<String, Object> controls() {
            Map<String, Object> controls = new ConcurrentHashMap<>();
            controls.put(ENDPOINT, "http://127.0.0.1:" + port);
            controls.put(STOP, (Runnable) this::stop);
            controls.put(RESTART, (Runnable) this::start);
            return controls;
        }

        private synchronized void start() {
            RuntimeException failure = null;
            for (int attempt = 0; attempt < 20 && running == null; attempt++) {
                // ElasticMQ loads its classes through the context class loader: make it the one that loaded the kit
                Thread thread = Thread.currentThread();
                ClassLoader context = thread.getContextClassLoader();
                thread.setContextClassLoader(Server.class.getClassLoader());
                try {
                    SQSRestServer server = port == 0
                            ? SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start()
                            : SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
                    port = server.waitUntilStarted().localAddress().getPort();
                    running = server;
                } catch (RuntimeException e) {
                    // the port of a server that just stopped may not be free yet
                    failure = e;
                    sleep(250);
                } finally {
                    thread.setContextClassLoader(context);
                }
            }
            if (running == null) {
                throw new IllegalStateException("Could not start the SQS server on port " + port, failure);
            }
        }

        private synchronized void stop() {
            if (running != null) {
                running.stopAndWait();
                running = null;
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
