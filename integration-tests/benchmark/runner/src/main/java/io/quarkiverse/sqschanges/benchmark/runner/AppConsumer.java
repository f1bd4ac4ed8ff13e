package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.List;

/** An application consuming queues, seen through its {@code /bench} endpoints. */
final class AppConsumer implements Consumer {

    private final AppProcess process;

    AppConsumer(AppProcess process) {
        this.process = process;
    }

    @Override
    public void resume(int index) throws Exception {
        process.http().post("resume/" + index);
    }

    @Override
    public void pause(int index) throws Exception {
        process.http().post("pause/" + index);
    }

    @Override
    public long observed() throws Exception {
        return process.http().count();
    }

    @Override
    public List<Long> pickupMicros() throws Exception {
        return process.http().pickupMicros();
    }

    @Override
    public long cpuNanos() {
        return process.cpuNanos();
    }

    @Override
    public void close() {
        process.close();
    }
}
