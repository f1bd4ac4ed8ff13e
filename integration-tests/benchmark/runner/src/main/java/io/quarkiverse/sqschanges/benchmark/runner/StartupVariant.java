package io.quarkiverse.sqschanges.benchmark.runner;

import java.util.Map;

/**
 * One application started for the startup figures, with its configuration.
 *
 * @param label how the report names it
 */
record StartupVariant(String label, App app, Map<String, String> config) {

    static final String PLAIN_IDLE = "plain-app (REST, SQS client created, no request)";
    static final String PLAIN_REQUEST = "plain-app, one SQS request (ListQueues) at startup";
    static final String EXTENSION = "changes-app (plain-app + the extension, one queue)";
}
