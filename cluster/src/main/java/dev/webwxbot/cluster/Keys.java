package dev.webwxbot.cluster;

/**
 * The Redis keys of one cluster (docs/cluster.md, "What Redis stores"). An account's keys share the hash tag
 * {@code {account}}: free on a standalone Redis, and it keeps each fenced write (lease key + state key) in one slot.
 */
record Keys(String prefix) {

    String nodes() {
        return prefix + ":nodes";
    }

    String node(String node) {
        return prefix + ":node:" + node;
    }

    String drain(String node) {
        return prefix + ":drain:" + node;
    }

    String accounts() {
        return prefix + ":accounts";
    }

    String lease(String account) {
        return prefix + ":lease:{" + account + "}";
    }

    String snapshot(String account) {
        return prefix + ":state:{" + account + "}:snapshot";
    }

    String savedAt(String account) {
        return prefix + ":state:{" + account + "}:saved-at";
    }

    String log(String account, String name) {
        return prefix + ":state:{" + account + "}:" + name;
    }
}
