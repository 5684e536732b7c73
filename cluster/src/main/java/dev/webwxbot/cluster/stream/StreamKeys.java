package dev.webwxbot.cluster.stream;

/**
 * The Redis keys of the streams between gateways and workers (docs/cluster.md, "Gateways and workers"). An account's
 * keys carry the hash tag {@code {account}}, as its lease and session state do.
 */
record StreamKeys(String prefix) {

    /** The consumer group of every events stream: the workers, each reading under its node's name. */
    static final String WORKERS = "workers";
    /** The consumer group of every command stream: the gateways, each reading under its node's name. */
    static final String GATEWAYS = "gateways";

    /** The account's typed events, in the order its session saw them (gateway to workers). */
    String events(String account) {
        return prefix + ":events:{" + account + "}";
    }

    /** The message ids the chain has finished, by when (a bounded sorted set): what a re-publish must not re-run. */
    String handled(String account) {
        return prefix + ":handled:{" + account + "}";
    }

    /** The workers' calls of the account's bot and their reports of finished messages (workers to the gateway). */
    String commands(String account) {
        return prefix + ":commands:{" + account + "}";
    }

    /** Answers to one worker's calls (gateways to that worker). */
    String answers(String node) {
        return prefix + ":answers:" + node;
    }

    /** The processing leases' key prefix: workers hold accounts as daemons do, in a cluster of their own. */
    String workers() {
        return prefix + ":work";
    }
}
