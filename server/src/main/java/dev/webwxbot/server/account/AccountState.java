package dev.webwxbot.server.account;

/** Where an account of the daemon is in its life; the API and the metrics show it. */
public enum AccountState {
    /** Resuming the saved session, waiting for a pushed login to be confirmed, or loading contacts. */
    LOGGING_IN,
    /** A QR code waits to be scanned with the phone. */
    WAITING_FOR_SCAN,
    /** Receiving and sending. */
    ONLINE,
    /** Online, but the last rounds with the server failed; the session keeps trying. */
    RECONNECTING,
    /** The session ended (see the reason); a login starts a new one. */
    LOGGED_OUT,
    /** Not started, or stopped by the daemon; its saved session is kept for the next start. */
    STOPPED,
    /**
     * In a cluster (docs/cluster.md): another daemon holds the account's lease and runs it, or none does yet and this
     * daemon may take it over.
     */
    ELSEWHERE
}
