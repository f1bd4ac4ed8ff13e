package io.quarkiverse.sqschanges.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of an SQS server that counts the SQS API requests passing through it (by their
 * {@code X-Amz-Target} header) and can play an outage: while down, it closes every connection at once.
 * <p>
 * A Quarkus test class is initialized by two class loaders; the proxy's state lives in JDK types kept in the
 * system properties under the proxy's name, so that both copies of the class see one proxy.
 */
public final class CountingProxy {

    private static final String TARGET_HEADER = "x-amz-target: amazonsqs.";

    private final Map<String, AtomicInteger> requests;
    private final AtomicInteger connections;
    private final AtomicBoolean down;
    private final List<Socket> open;
    private final String endpoint;
    private ServerSocket server;
    private int targetPort;

    @SuppressWarnings("unchecked")
    private CountingProxy(Map<String, Object> state) {
        this.requests = (Map<String, AtomicInteger>) state.get("requests");
        this.connections = (AtomicInteger) state.get("connections");
        this.down = (AtomicBoolean) state.get("down");
        this.open = (List<Socket>) state.get("open");
        this.endpoint = (String) state.get("endpoint");
    }

    /**
     * @param name names the proxy within the JVM
     * @param targetEndpoint the SQS server, such as {@code http://127.0.0.1:9324}
     * @return the proxy of that name, started on first use
     */
    @SuppressWarnings("unchecked")
    public static synchronized CountingProxy shared(String name, String targetEndpoint) {
        String key = "sqs-changes.test.proxy." + name;
        Map<String, Object> state = (Map<String, Object>) System.getProperties().get(key);
        if (state != null) {
            return new CountingProxy(state);
        }
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            state = new ConcurrentHashMap<>();
            state.put("requests", new ConcurrentHashMap<String, AtomicInteger>());
            state.put("connections", new AtomicInteger());
            state.put("down", new AtomicBoolean());
            state.put("open", new CopyOnWriteArrayList<Socket>());
            state.put("endpoint", "http://127.0.0.1:" + server.getLocalPort());
            CountingProxy proxy = new CountingProxy(state);
            proxy.server = server;
            proxy.targetPort = java.net.URI.create(targetEndpoint).getPort();
            Thread acceptor = new Thread(proxy::acceptLoop, "counting-proxy-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
            System.getProperties().put(key, state);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return a proxy of that name that is down from the start: an SQS endpoint that never answers
     */
    public static CountingProxy sharedDown(String name, String targetEndpoint) {
        CountingProxy proxy = shared(name, targetEndpoint);
        proxy.setDown(true);
        return proxy;
    }

    /** @return the proxy's endpoint, such as {@code http://127.0.0.1:40001} */
    public String endpoint() {
        return endpoint;
    }

    /** @return how many requests of an SQS action, such as {@code ReceiveMessage}, went through */
    public int requests(String action) {
        AtomicInteger count = requests.get(action.toLowerCase());
        return count == null ? 0 : count.get();
    }

    /** @return how many connections were accepted, refused ones included */
    public int connections() {
        return connections.get();
    }

    /** While down, every connection is closed at once, as if the server were gone. */
    public void setDown(boolean down) {
        this.down.set(down);
        if (down) {
            open.forEach(CountingProxy::closeQuietly);
            open.clear();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                if (down.get()) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream(), true, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), false, client, upstream);
            } catch (IOException e) {
                // closed or refused: keep accepting until the proxy is closed
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean countRequests, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (countRequests) {
                        scan(buffer, read, line);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "counting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void scan(byte[] buffer, int length, StringBuilder line) {
        for (int i = 0; i < length; i++) {
            char c = (char) (buffer[i] & 0xff);
            if (c == '\n') {
                String text = line.toString().trim().toLowerCase();
                if (text.startsWith(TARGET_HEADER)) {
                    requests.computeIfAbsent(text.substring(TARGET_HEADER.length()), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                line.setLength(0);
            } else if (line.length() < 200) {
                line.append(c);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to do
        }
    }

}
