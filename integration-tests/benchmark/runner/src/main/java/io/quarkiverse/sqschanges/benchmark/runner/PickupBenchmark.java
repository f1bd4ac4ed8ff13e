package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.quarkiverse.sqschanges.benchmark.common.Observations;
import io.quarkiverse.sqschanges.testkit.SqsRequest;

/**
 * Idle behaviour, for warmed-up contenders running side by side on queues of their own: first how many receive
 * requests they make while their queue stays empty, then how soon they observe single messages sent at random
 * intervals of 20 to 200 ms.
 */
final class PickupBenchmark {

    private static final int ROUND = 1;

    private final Settings settings;
    private final QueueAdmin admin;
    /** The SQS server, which each contender reaches through a proxy of its own. */
    private final String sqs;
    private final Random random = new Random(1);

    PickupBenchmark(Settings settings, QueueAdmin admin, String sqs) {
        this.settings = settings;
        this.admin = admin;
        this.sqs = sqs;
    }

    List<PickupResult> run(List<Contender> contenders) throws Exception {
        List<Session> sessions = new ArrayList<>();
        try {
            for (Contender contender : contenders) {
                sessions.add(Session.start(contender, admin, sqs, ROUND, settings.warmupMessages()));
            }
            for (Session session : sessions) {
                session.resume(ROUND);
            }
            long idleStart = System.nanoTime();
            System.out.printf("Idle queues: counting receive requests for %d s%n", settings.idle().toSeconds());
            Thread.sleep(settings.idle().toMillis());
            long idleEnd = System.nanoTime();

            System.out.printf("Pickup latency: sending %d messages to each idle consumer%n", settings.pickups());
            sendPickups(sessions);
            List<PickupResult> results = new ArrayList<>();
            for (Session session : sessions) {
                Queue queue = session.queue(ROUND);
                session.awaitObserved(settings.warmupMessages() + settings.pickups(), queue,
                        Session.timeoutFor(settings.pickups()));
                results.add(new PickupResult(session.contender(), session.consumer().pickupMicros(),
                        receivesPerMinute(session.requests(queue, idleStart, idleEnd), idleStart, idleEnd)));
            }
            return results;
        } finally {
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    private void sendPickups(List<Session> sessions) throws InterruptedException {
        List<Session> order = new ArrayList<>(sessions);
        for (int i = 0; i < settings.pickups(); i++) {
            Thread.sleep(20 + random.nextInt(181));
            Collections.shuffle(order, random);
            for (Session session : order) {
                admin.send(session.queue(ROUND), Observations.pickupBody());
            }
        }
    }

    /**
     * @return the receive requests a minute within the window, from the intervals between them (a count over a
     *         window of a few long polls would be too coarse)
     */
    private static double receivesPerMinute(List<SqsRequest> requests, long from, long to) {
        List<Long> times = requests.stream().filter(r -> r.action().equals(SqsRequest.RECEIVE))
                .map(SqsRequest::nanos).sorted().toList();
        if (times.size() < 2) {
            return times.size() * 60e9 / (to - from);
        }
        return (times.size() - 1) * 60e9 / (times.get(times.size() - 1) - times.get(0));
    }
}
