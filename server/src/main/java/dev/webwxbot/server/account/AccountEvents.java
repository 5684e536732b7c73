package dev.webwxbot.server.account;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.cluster.AccountOwner;
import dev.webwxbot.core.LoginProgress;
import java.util.concurrent.CompletionStage;

/**
 * Where the accounts' events go: the plugin chain, the webhooks, the metrics, the terminal. Called on network
 * threads: implementations return at once and do their work elsewhere.
 */
public interface AccountEvents {

    /**
     * A received message of {@code account}, with the bot to answer through; the stage completes once it is handled
     * (until then the session journals it, so a crash hands it on again after the next start).
     */
    CompletionStage<?> message(String account, MessageEvent message, Bot bot);

    /** Any other event of {@code account}: login, logout. */
    void event(String account, BotEvent event, Bot bot);

    /**
     * The bot handed out for {@code account} (to plugins with each event, to the API and webhook replies): the
     * session's own, or one that wraps it (the daemon's records every send in the message store).
     */
    default Bot bot(String account, Bot session) {
        return session;
    }

    /**
     * A send an earlier run of {@code account} left unsettled was settled by this run (sent, found delivered, or
     * given up), under the client id it was made with.
     */
    default void sendSettled(String account, String clientId, SendReceipt receipt) {
    }

    /** A step of {@code account}'s login: the QR code to show, scanned, online. */
    default void loginProgress(String account, LoginProgress progress) {
    }

    /** {@code account}'s state changed. */
    default void stateChanged(String account, AccountState state) {
    }

    /** In a cluster: this daemon took {@code account}'s lease and resumes it here. */
    default void leaseAcquired(String account) {
    }

    /** In a cluster: this daemon let go of {@code account}'s lease ({@code why}: handed over, lost, removed). */
    default void leaseReleased(String account, AccountOwner.Release why) {
    }

    /** {@code account} was removed from the daemon (its folder stays). */
    default void removed(String account) {
    }
}
