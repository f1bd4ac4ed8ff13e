package io.quarkiverse.sqschanges.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: a free one, a free one kept under a name for the whole JVM, and whether one is listened on. */
public final class FreePort {

    private FreePort() {
    }

    /** @return a port of 127.0.0.1 that was free a moment ago */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return a port that was free when first asked for under this name; the same port afterwards, in every class
     *         loader (both copies of a Quarkus test class see one port)
     */
    public static int named(String name) {
        return Integer.parseInt(JvmShared.computeIfAbsent("sqs-changes.testkit.port." + name,
                () -> Integer.toString(any())));
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
