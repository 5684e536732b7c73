package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts logged in, as plugins' jobs find their bots, and what ends with a login: when an account logs out,
 * the conversations waiting in its chats and the jobs handlers scheduled while handling its events are cancelled,
 * since both name people by the login's session names, which the next login changes. Jobs a plugin scheduled for
 * the account when it started stay. Thread-safe.
 */
final class AccountLogins {

    /** The host's logger: operators find the cancellations where the plugins' other news is. */
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final Map<String, Bot> online = new ConcurrentHashMap<>();
    private final JobScheduler scheduler;
    private final Conversations conversations;

    AccountLogins(JobScheduler scheduler, Conversations conversations) {
        this.scheduler = scheduler;
        this.conversations = conversations;
    }

    /** {@code accountId} is logged in and acts through {@code bot}. */
    void online(String accountId, Bot bot) {
        online.put(Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(bot, "bot"));
    }

    /** {@code accountId}'s login ended: its bot is gone and what belonged to the login is cancelled. */
    void ended(String accountId) {
        online.remove(accountId);
        int jobs = scheduler.cancelLogin(accountId);
        int waiting = conversations.cancelAccount(accountId, "account " + accountId + " logged out");
        if (jobs + waiting > 0) {
            log.info("account {} logged out: cancelled {} job(s) and {} waiting conversation(s) of its login",
                    accountId, jobs, waiting);
        }
    }

    /** The bots of the accounts online now, by account id; a live view. */
    Map<String, Bot> bots() {
        return online;
    }
}
