package io.quarkiverse.sqschanges.testkit;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How many requests of each SQS action there were, such as those an {@link SqsProxy} saw about one queue. */
public record RequestCounts(Map<String, Long> byAction) {

    public static final RequestCounts NONE = new RequestCounts(Map.of());

    public static RequestCounts of(Collection<SqsRequest> requests) {
        return new RequestCounts(requests.stream()
                .collect(Collectors.groupingBy(SqsRequest::action, TreeMap::new, Collectors.counting())));
    }

    public RequestCounts plus(RequestCounts other) {
        Map<String, Long> sum = new TreeMap<>(byAction);
        other.byAction.forEach((action, count) -> sum.merge(action, count, Long::sum));
        return new RequestCounts(sum);
    }

    public long total() {
        return byAction.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the requests of these actions together */
    public long of(String... actions) {
        return Arrays.stream(actions).mapToLong(action -> byAction.getOrDefault(action, 0L)).sum();
    }

    /** @return e.g. {@code DeleteMessageBatch 2000, ReceiveMessage 2003} */
    @Override
    public String toString() {
        return byAction.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
