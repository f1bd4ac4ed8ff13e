package io.quarkiverse.sqschanges.benchmark.runner;

/**
 * Medians over the starts of one application.
 *
 * @param label the {@link StartupVariant#label() variant} started
 * @param readyMillis from process start until it answered HTTP
 * @param loggedMillis what Quarkus logged ("started in")
 * @param rssMegabytes VmRSS once up and idle
 * @param rssAfterGcMegabytes VmRSS after a full garbage collection that followed
 */
record StartupResult(String label, double readyMillis, double loggedMillis, double rssMegabytes, double rssAfterGcMegabytes) {
}
