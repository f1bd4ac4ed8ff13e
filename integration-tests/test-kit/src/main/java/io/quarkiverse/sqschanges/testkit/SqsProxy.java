package io.quarkiverse.sqschanges.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A loopback TCP proxy in front of an SQS server: it logs every SQS request passing through it (action, queue and
 * time, see {@link SqsRequest}), and can fail or freeze the traffic. While {@linkplain #setDown(boolean) down}, it
 * closes every connection at once, as if the server were gone; while {@linkplain #setFrozen(boolean) frozen}, it
 * accepts connections and reads requests but holds them and their answers, as if the server hung. With a
 * {@linkplain #setLatency(LongSupplier) latency}, each answer is held for a delay of its own before it is passed on,
 * as if the server were across a network; by default there is none.
 * <p>
 * {@link #shared(String, String)} is the one proxy of that name in the JVM, which both copies of a Quarkus test
 * class see: its state is made of JDK types, kept in the system properties.
 */
public final class SqsProxy implements AutoCloseable {

    private static final String SHARED_PREFIX = "sqs-changes.testkit.proxy.";

    private final String endpoint;
    /** Each request as {@code List.of(action, queue, nanos)}: JDK types, which every class loader reads. */
    private final Queue<List<Object>> log;
    private final AtomicInteger connections;
    private final AtomicBoolean down;
    /** Set while frozen: the traffic waits for it. */
    private final AtomicReference<CountDownLatch> frozen;
    /** The delay of each answer, in nanoseconds, or {@code null} for none. */
    private final AtomicReference<LongSupplier> latency;
    private final Queue<Socket> open;
    private final Runnable close;

    @SuppressWarnings("unchecked")
    private SqsProxy(Map<String, Object> state) {
        endpoint = (String) state.get("endpoint");
        log = (Queue<List<Object>>) state.get("log");
        connections = (AtomicInteger) state.get("connections");
        down = (AtomicBoolean) state.get("down");
        frozen = (AtomicReference<CountDownLatch>) state.get("frozen");
        latency = (AtomicReference<LongSupplier>) state.get("latency");
        open = (Queue<Socket>) state.get("open");
        close = (Runnable) state.get("close");
    }

    /** @return a new proxy in front of the SQS server at that endpoint, such as {@code http://127.0.0.1:9324} */
    public static SqsProxy start(String targetEndpoint) {
        return new SqsProxy(startProxy(targetEndpoint));
    }

    /** @return the proxy of that name in this JVM, started in front of that SQS server on first use */
    public static SqsProxy shared(String name, String targetEndpoint) {
        return new SqsProxy(JvmShared.computeIfAbsent(SHARED_PREFIX + name, () -> startProxy(targetEndpoint)));
    }

    /** @return the shared proxy of that name, down from the start: an SQS endpoint that no request gets through to */
    public static SqsProxy sharedDown(String name, String targetEndpoint) {
        SqsProxy proxy = shared(name, targetEndpoint);
        proxy.setDown(true);
        return proxy;
    }

    /** @return the endpoint that clients use, such as {@code http://127.0.0.1:40001} */
    public String endpoint() {
        return endpoint;
    }

    /** @return how many requests of that action, such as {@code ReceiveMessage}, it has seen */
    public int count(String action) {
        return (int) log.stream().filter(request -> request.get(0).equals(action)).count();
    }

    /** @return every request it has seen, in order */
    public List<SqsRequest> requests() {
        return log.stream().map(r -> new SqsRequest((String) r.get(0), (String) r.get(1), (Long) r.get(2))).toList();
    }

    /** @return the requests about the queue of that name */
    public List<SqsRequest> requests(String queue) {
        return requests().stream().filter(request -> request.queue().equals(queue)).toList();
    }

    /** @return how many connections it accepted, refused ones included */
    public int connections() {
        return connections.get();
    }

    /** @return how many connections are open through it now */
    public int openConnections() {
        // each connection is two sockets: the client's and the one to the server
        return open.size() / 2;
    }

    /** While down, every connection is closed at once, open ones included, as if the server were gone. */
    public void setDown(boolean down) {
        this.down.set(down);
        if (down) {
            closeAll(open);
        }
    }

    /**
     * While frozen, connections are accepted and the first bytes of each request read, but nothing is forwarded either
     * way: requests and answers wait, as if the server hung, and go through once the proxy thaws. A request is logged
     * once the part that names its queue is read, which may be only after the thaw.
     */
    public void setFrozen(boolean freeze) {
        if (freeze) {
            frozen.compareAndSet(null, new CountDownLatch(1));
        } else {
            thaw(frozen);
        }
    }

    /**
     * Delays every answer from now on by a draw from {@code delayNanos} (see {@link Latency}), or no more with
     * {@code null}. The delay starts when the first bytes of the answer arrive from the server, so a long poll still
     * returns as soon as a message arrives, that much later; requests on other connections are not held up.
     */
    public void setLatency(LongSupplier delayNanos) {
        latency.set(delayNanos);
    }

    /** Stops accepting connections and closes the open ones (a shared proxy stays closed for the JVM). */
    @Override
    public void close() {
        close.run();
    }

    private static void closeAll(Queue<Socket> sockets) {
        for (Socket socket = sockets.poll(); socket != null; socket = sockets.poll()) {
            closeQuietly(socket);
        }
    }

    private static Map<String, Object> startProxy(String targetEndpoint) {
        ServerSocket server;
        try {
            server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Queue<Socket> open = new ConcurrentLinkedQueue<>();
        AtomicReference<CountDownLatch> frozen = new AtomicReference<>();
        Map<String, Object> state = new ConcurrentHashMap<>();
        state.put("endpoint", "http://127.0.0.1:" + server.getLocalPort());
        state.put("log", new ConcurrentLinkedQueue<List<Object>>());
        state.put("connections", new AtomicInteger());
        state.put("down", new AtomicBoolean());
        state.put("frozen", frozen);
        state.put("latency", new AtomicReference<LongSupplier>());
        state.put("open", open);
        state.put("close", (Runnable) () -> {
            closeQuietly(server);
            closeAll(open);
            thaw(frozen);
        });
        SqsProxy proxy = new SqsProxy(state);
        int targetPort = URI.create(targetEndpoint).getPort();
        daemon(() -> proxy.accept(server, targetPort), "sqs-proxy-accept-" + server.getLocalPort());
        return state;
    }

    private void accept(ServerSocket server, int targetPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                if (down.get()) {
                    client.close();
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                // small writes (headers, then body) must not wait for delayed ACKs
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                if (down.get()) {
                    // went down meanwhile: closing the open connections may have missed these
                    closeAll(open);
                    continue;
                }
                RequestScanner scanner = new RequestScanner(
                        request -> log.add(List.of(request.action(), request.queue(), request.nanos())));
                // set by each request, cleared by the first bytes of its answer, which wait for the latency
                AtomicBoolean answerDue = new AtomicBoolean();
                daemon(() -> pump(client, upstream, scanner, answerDue, false), "sqs-proxy-request");
                daemon(() -> pump(upstream, client, null, answerDue, true), "sqs-proxy-response");
            } catch (IOException e) {
                // the proxy is closed, or a connection failed: keep accepting until closed
            }
        }
    }

    private void pump(Socket from, Socket to, RequestScanner scanner, AtomicBoolean answerDue, boolean answers) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (scanner != null) {
                    scanner.scan(buffer, read);
                }
                CountDownLatch thawed = frozen.get();
                if (thawed != null) {
                    thawed.await();
                }
                if (!answers) {
                    answerDue.set(true);
                } else if (answerDue.getAndSet(false)) {
                    LongSupplier delay = latency.get();
                    if (delay != null) {
                        TimeUnit.NANOSECONDS.sleep(delay.getAsLong());
                    }
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // one side closed the connection: closing both ends the other pump too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(from);
            open.remove(to);
        }
    }

    private static void thaw(AtomicReference<CountDownLatch> frozen) {
        CountDownLatch latch = frozen.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
