package io.quarkiverse.sqschanges.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loopback ports for tests, kept in system properties so that both class loaders of a Quarkus test see the same.
 */
public final class FreePort {

    private FreePort() {
    }

    /** @return a port that was free when first asked for under this name */
    public static synchronized int named(String name) {
        String key = "sqs-changes.test.port." + name;
        String port = System.getProperty(key);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = Integer.toString(socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(key, port);
        }
        return Integer.parseInt(port);
    }

    /** @return whether something accepts connections on 127.0.0.1 at that port */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
