package io.quarkiverse.sqschanges.benchmark.runner;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The request-counting proxy all contenders' SQS traffic goes through, so that each pays the same overhead and
 * its requests are counted where the server sees them. Each contender gets a {@link ProxyRoute} of its own.
 */
final class CountingProxy implements AutoCloseable {

    private final int targetPort;
    private final List<ProxyRoute> routes = new CopyOnWriteArrayList<>();

    CountingProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    ProxyRoute newRoute() throws IOException {
        ProxyRoute route = new ProxyRoute(targetPort);
        routes.add(route);
        return route;
    }

    @Override
    public void close() throws IOException {
        for (ProxyRoute route : routes) {
            route.close();
        }
    }
}
