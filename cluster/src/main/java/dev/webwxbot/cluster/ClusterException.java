package dev.webwxbot.cluster;

/** The cluster cannot do what was asked: Redis unreachable, a node name taken, no such node. The message says which. */
public final class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
