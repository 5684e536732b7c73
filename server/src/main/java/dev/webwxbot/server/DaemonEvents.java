package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.cluster.AccountOwner;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.AccountEvents;
import dev.webwxbot.server.account.AccountState;
import dev.webwxbot.server.account.Accounts;
import dev.webwxbot.server.alert.AlertSettings;
import dev.webwxbot.server.alert.SafetyAlerts;
import dev.webwxbot.server.api.LiveEvents;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.server.metrics.BotMetrics;
import dev.webwxbot.server.store.AntiRevoke;
import dev.webwxbot.server.store.MessageLog;
import dev.webwxbot.server.webhook.Webhooks;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the daemon's accounts' events go: into the webhooks' durable queues and through the plugin chain (here, or on
 * a cluster's workers), into the message store, the metrics, the live stream and the conversation log (and login
 * steps to the terminal). A message counts as handled once all are done, so a crash before that hands it on again.
 */
record DaemonEvents(ChainRoute chain, Webhooks webhooks, BotMetrics metrics,
                    BiConsumer<String, LoginProgress> display, Map<String, AccountState> states,
                    MessageLog messages, AtomicReference<AntiRevoke> antiRevoke, ConversationLog conversation,
                    SafetyAlerts alerts, AtomicReference<Accounts> accounts, LiveEvents live)
        implements AccountEvents {

    private static final Logger log = LoggerFactory.getLogger(DaemonEvents.class);
    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public CompletionStage<?> message(String account, MessageEvent message, Bot bot) {
        metrics.received(account, message);
        ConversationLog.Turn turn = conversation.begin(account, message, bot);
        CompletableFuture<?> answered = chain.message(account, message, turn.bot()).thenAccept(turn::finished)
                .exceptionally(failure -> {
                    log.warn("account {}: dispatching {} failed: {}", account, message.getClass().getSimpleName(),
                            failure.toString());
                    return null;
                });
        CompletableFuture<?> handled = CompletableFuture.allOf(publish(account, message), answered,
                messages.received(account, message, bot));
        if (!(message instanceof RevokeNotice notice)) return handled;
        return CompletableFuture.allOf(handled, recover(account, notice, bot));
    }

    @Override
    public Bot bot(String account, Bot session) {
        return LiveSendsBot.wrap(account, messages.recording(account, session), live);
    }

    @Override
    public void sendSettled(String account, String clientId, SendReceipt receipt) {
        messages.settled(account, clientId, receipt);
    }

    /** Anti-revoke: the withdrawn message posted to the owner and raised as a typed event, off the network thread. */
    private CompletableFuture<?> recover(String account, RevokeNotice notice, Bot bot) {
        AntiRevoke settings = antiRevoke.get();
        if (!settings.enabled()) return CompletableFuture.completedFuture(null);
        return CompletableFuture.supplyAsync(() -> settings.recover(account, notice, bot, messages), VIRTUAL)
                .thenCompose(revoked -> revoked.<CompletableFuture<?>>map(event -> CompletableFuture.allOf(
                        publish(account, event), dispatch(account, event, bot)))
                        .orElse(CompletableFuture.completedFuture(null)))
                .exceptionally(failure -> {
                    log.warn("account {}: recovering a revoked message failed: {}", account, failure.toString());
                    return null;
                });
    }

    @Override
    public void event(String account, BotEvent event, Bot bot) {
        publish(account, event);
        dispatch(account, event, bot);
        if (event instanceof SafetyEvent safety) alert(account, safety, bot);
        if (event instanceof LoggedIn) reconcile(account);
    }

    /**
     * Once online: the stored sends an earlier run left queued though its outbox settled them (killed between the
     * two writes) take their outcome from the outbox, off the network thread.
     */
    private void reconcile(String account) {
        CompletableFuture.runAsync(() -> messages.reconcile(account,
                clientId -> account(account).flatMap(one -> one.settledSend(clientId))), VIRTUAL);
    }

    /** A safety event: logged once and sent to the owner through the account's alert channels. */
    private void alert(String account, SafetyEvent event, Bot bot) {
        Optional<AlertSettings> settings = Optional.ofNullable(accounts.get())
                .flatMap(all -> all.get(account)).map(one -> one.config().alerts());
        alerts.raise(account, event, settings.orElse(AlertSettings.LOG_ONLY), Optional.of(bot));
    }

    /** Queued on disk off the network thread (the queue forces each entry to disk). */
    private CompletableFuture<Void> publish(String account, BotEvent event) {
        live.event(account, event);
        return CompletableFuture.runAsync(() -> {
            try {
                webhooks.publish(account, event);
            } catch (IllegalStateException closed) {
                // The daemon is stopping: the webhooks close only after every account has stopped, so what
                // arrives now is the stop's own login/logout news, not a message (those are drained first).
                log.debug("account {}: {} not queued for the webhooks, which are closed", account, EventJson.type(event));
            }
        }, VIRTUAL).exceptionally(failure -> {
            log.error("account {}: queueing {} for the webhooks failed: {}", account, EventJson.type(event), failure.toString());
            return null;
        });
    }

    @Override
    public void leaseAcquired(String account) {
        metrics.leaseAcquired(account);
    }

    @Override
    public void leaseReleased(String account, AccountOwner.Release why) {
        metrics.leaseReleased(account, why.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void loginProgress(String account, LoginProgress progress) {
        display.accept(account, progress);
        live.login(account, progress, account(account));
    }

    @Override
    public void stateChanged(String account, AccountState state) {
        log.info("account {}: {}", account, state);
        live.state(account, state, account(account));
        if (states.put(account, state) == null) {
            metrics.accountState(account, () -> states.getOrDefault(account, AccountState.STOPPED).name());
        }
    }

    private Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get()).flatMap(all -> all.get(id));
    }

    @Override
    public void removed(String account) {
        states.remove(account);
        metrics.removeAccount(account);
    }

    private CompletableFuture<?> dispatch(String account, BotEvent event, Bot bot) {
        return chain.event(account, event, bot).exceptionally(failure -> {
            log.warn("account {}: dispatching {} failed: {}", account, event.getClass().getSimpleName(), failure.toString());
            return null;
        });
    }
}
