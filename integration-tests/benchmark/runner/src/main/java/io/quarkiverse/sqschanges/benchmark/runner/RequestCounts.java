package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How many requests of each SQS action a contender made. */
record RequestCounts(Map<String, Long> byAction) {

    static final RequestCounts NONE = new RequestCounts(Map.of());

    static RequestCounts of(Collection<Request> requests) {
        return new RequestCounts(requests.stream()
                .collect(Collectors.groupingBy(Request::action, TreeMap::new, Collectors.counting())));
    }

    RequestCounts plus(RequestCounts other) {
        Map<String, Long> sum = new TreeMap<>(byAction);
        other.byAction.forEach((action, count) -> sum.merge(action, count, Long::sum));
        return new RequestCounts(sum);
    }

    long total() {
        return byAction.values().stream().mapToLong(Long::longValue).sum();
    }

    long of(String... actions) {
        return Arrays.stream(actions).mapToLong(action -> byAction.getOrDefault(action, 0L)).sum();
    }

    /** @return e.g. {@code DeleteMessageBatch 2000, ReceiveMessage 2003} */
    @Override
    public String toString() {
        return byAction.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
