package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One port of the {@link CountingProxy}, given to one contender: it forwards every connection to the SQS server
 * and logs every request.
 */
final class ProxyRoute implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();

    ProxyRoute(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        daemon(this::accept, "proxy-accept-" + server.getLocalPort());
    }

    /** @return the endpoint a contender's SQS client uses */
    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** @return the requests about a queue so far */
    List<Request> requests(Queue queue) {
        return requests.stream().filter(request -> request.queue().equals(queue.name())).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                // Small writes (headers, then body) must not wait for delayed ACKs.
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                RequestScanner scanner = new RequestScanner(requests::add);
                daemon(() -> pump(client, upstream, scanner), "proxy-request");
                daemon(() -> pump(upstream, client, null), "proxy-response");
            } catch (IOException e) {
                // the route is closed, or the server refused: keep accepting until closed
            }
        }
    }

    private static void pump(Socket from, Socket to, RequestScanner scanner) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (scanner != null) {
                    scanner.scan(buffer, read);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // one side closed the connection: closing both ends the other pump too
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
