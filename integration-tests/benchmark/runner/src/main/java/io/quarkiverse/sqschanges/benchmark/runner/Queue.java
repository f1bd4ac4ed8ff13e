package io.quarkiverse.sqschanges.benchmark.runner;

/** A queue created for one measurement. */
record Queue(String name, String url) {
}
