package io.quarkiverse.sqschanges.runtime.config;

import java.util.Locale;

import org.eclipse.microprofile.config.Config;

/**
 * How many connections the SQS async client needs for the receive loops of the configured queues, and the properties
 * of the Amazon SQS extension that bound them. The properties have no per-client form: every SQS client of the
 * application has a pool of that size, so the loops of all queues are counted together, whatever client they use.
 */
public final class SqsClientPool {

    /** One connection for a loop's long poll, one for its deletes, visibility changes and heartbeats. */
    public static final int CONNECTIONS_PER_LOOP = 2;

    /** The Amazon SQS extension's default for both properties: the extension never makes the pool smaller. */
    public static final int SDK_DEFAULT_MAX_CONCURRENCY = 50;

    /** Bounds the connections of the Netty client, the default type. */
    public static final String MAX_CONCURRENCY = "quarkus.sqs.async-client.max-concurrency";

    /** Bounds the connections of the CRT client ({@code quarkus.sqs.async-client.type=aws-crt}). */
    public static final String CRT_MAX_CONCURRENCY = "quarkus.sqs.async-client.crt.max-concurrency";

    private static final String CLIENT_TYPE = "quarkus.sqs.async-client.type";

    private SqsClientPool() {
    }

    /** @return the connections that that many receive loops need */
    public static int needed(int loops) {
        return CONNECTIONS_PER_LOOP * loops;
    }

    /** @return the pool size the extension gives the client when the application sets none */
    public static int defaultSize(int loops) {
        return Math.max(SDK_DEFAULT_MAX_CONCURRENCY, needed(loops));
    }

    /** @return the property that bounds the connections of the async client type the application was built with */
    public static String maxConcurrencyProperty(Config config) {
        String type = config.getOptionalValue(CLIENT_TYPE, String.class).orElse("netty");
        return type.trim().replace('_', '-').toLowerCase(Locale.ROOT).equals("aws-crt") ? CRT_MAX_CONCURRENCY
                : MAX_CONCURRENCY;
    }
}
