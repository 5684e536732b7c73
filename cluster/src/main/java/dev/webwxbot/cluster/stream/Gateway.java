package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.chain.DispatchTrace;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's gateway role: it holds the accounts' sessions and, instead of running the plugin chain itself, puts each
 * account's typed events on the account's event stream, where a worker runs them through the chain. The workers'
 * calls of the account's bot come back on the account's command stream and are carried out here, with the bot the
 * session handed over with the message they answer; a message counts as handled (its journal entry done) only once a
 * worker reports the chain finished with it, so a message a gateway or worker dies with is handed on again.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.start(redis, "webwx", "node-1", account -> accounts.bot(account), cluster::held);
 * gateway.dispatch(account, message, bot, pause).thenAccept(trace -> ...);   // done when a worker finished it
 * gateway.publish(account, loggedIn, bot);                                  // news: done once on the stream
 * }</pre>
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** How long a call answering a message waits for that message to be handed over here (after a takeover). */
    private static final Duration MESSAGE_WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final StreamLink link;
    private final StreamKeys keys;
    private final Function<String, Optional<Bot>> bots;
    private final Clock clock;
    /** Messages published and not reported finished, by account and message id; filled by whichever comes first. */
    private final Map<String, CompletableFuture<Pending>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("webwx-gateway-retry").factory());
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private final Supplier<Set<String>> served;
    private final StreamLoop commands;
    private volatile Set<String> lastServed = Set.of();
    private volatile boolean closed;

    private Gateway(StreamLink link, StreamKeys keys, String node, Function<String, Optional<Bot>> bots,
                    Supplier<Set<String>> served, Clock clock) {
        this.link = link;
        this.keys = keys;
        this.bots = bots;
        this.clock = clock;
        this.served = served;
        this.commands = new StreamLoop("gateway-commands", link, keys::commands, StreamKeys.GATEWAYS, node,
                this::servedNow, (account, id, body, finished) -> {
                    // Handed over while the entry was on its way: the account's next gateway carries it out.
                    if (!served.get().contains(account)) return false;
                    Thread.ofVirtual().start(() -> {
                        try {
                            carryOut(account, Call.of(body));
                        } catch (WireException e) {
                            log.warn("account {}: a command stream entry that cannot be read was skipped: {}", account,
                                    e.getMessage());
                        } finally {
                            finished.run();
                        }
                    });
                    return true;
                });
    }

    /**
     * Starts the gateway role.
     *
     * @param node this daemon's node name: its name among the readers of the command streams
     * @param bots each account's bot while its session runs here (for calls not made while handling a message)
     * @param served the accounts whose sessions run here now (those whose lease this daemon holds): their command
     *     streams are read here
     */
    public static Gateway start(URI redis, String keyPrefix, String node, Function<String, Optional<Bot>> bots,
                                Supplier<Set<String>> served) {
        return start(new StreamLink(redis), keyPrefix, node, bots, served);
    }

    /** On {@code link} (a test's, with a short timeout). */
    static Gateway start(StreamLink link, String keyPrefix, String node, Function<String, Optional<Bot>> bots,
                         Supplier<Set<String>> served) {
        return new Gateway(link, new StreamKeys(keyPrefix), node, bots, served, Clock.systemUTC());
    }

    /**
     * Publishes a message {@code account}'s session received (and keeps in its journal) for the workers; the stage
     * completes with the chain's trace once a worker reports it finished (never, if none does: the journal then
     * keeps it). The sends made while handling it are its answers, numbered where the chain runs, so that a replay
     * sends none twice. Never blocks: safe on a network thread.
     *
     * @param bot the bot the session handed over with the message: the calls made while handling it use it
     * @param pause the pause of the message's chat when it is paused (the chain then offers it to guards only)
     */
    public CompletableFuture<DispatchTrace> dispatch(String account, MessageEvent message, Bot bot,
                                                     Optional<PausedChat> pause) {
        return publish(account, message, bot, pause, message.envelope().msgId(), true);
    }

    /**
     * Publishes any other event of {@code account} (session news, a revoked message recovered from the store) for
     * the workers. One that is about a message (a {@code MessageEvent}) completes when a worker reports it finished,
     * answering through {@code bot} (the message's, whose numbering it shares); the others once they are on the
     * stream.
     */
    public CompletableFuture<DispatchTrace> publish(String account, BotEvent event, Bot bot) {
        String key = event instanceof MessageEvent message
                ? message.envelope().msgId() + "/" + event.getClass().getSimpleName() : "";
        return publish(account, event, bot, Optional.empty(), key, false);
    }

    /**
     * @param key what identifies the event among the account's (its handling's calls name it, a worker keeps it once
     *     finished); empty for an event no one answers
     * @param numbered whether its sends are answers whose places the worker numbers
     */
    private CompletableFuture<DispatchTrace> publish(String account, BotEvent event, Bot bot, Optional<PausedChat> pause,
                                                     String key, boolean numbered) {
        Map<String, String> body = new HashMap<>();
        body.put("msg", key);
        if (numbered) body.put("numbered", "1");
        body.put("event", WireJson.write(event, BotEvent.class));
        body.put("self", WireJson.write(bot.self(), Contact.class));
        pause.ifPresent(paused -> body.put("pause", WireJson.write(paused, PausedChat.class)));
        CompletableFuture<Void> published = new CompletableFuture<>();
        if (key.isEmpty()) {
            append(account, body, published);
            return published.thenApply(done -> new DispatchTrace(event, clock.instant(), List.of(), account));
        }
        CompletableFuture<Pending> slot = pending.computeIfAbsent(key(account, key), ignored -> new CompletableFuture<>());
        Pending handling = new Pending(event, bot, new CompletableFuture<>());
        if (!slot.complete(handling)) {
            // Handed over again (a replay) while a worker still answers the first: the calls go to the newest bot.
            pending.put(key(account, key), CompletableFuture.completedFuture(handling));
        }
        append(account, body, published);
        return handling.finished();
    }

    /**
     * The accounts served now, asked by the command reader before each read; the messages of an account that left
     * are forgotten here (its session's journal keeps them for the gateway that runs it next).
     */
    private Set<String> servedNow() {
        Set<String> now = Set.copyOf(served.get());
        for (String gone : lastServed) {
            if (!now.contains(gone)) pending.keySet().removeIf(key -> key.startsWith(gone + '\n'));
        }
        lastServed = now;
        return now;
    }

    /** XADDs {@code body}, again every second while Redis cannot take it: an event is never dropped on the way. */
    private void append(String account, Map<String, String> body, CompletableFuture<Void> published) {
        link.shared().async().xadd(keys.events(account), body).whenComplete((id, failure) -> {
            if (failure == null) {
                if (publishFailing.compareAndSet(true, false)) log.info("gateway: publishing events to Redis again");
                published.complete(null);
                return;
            }
            if (closed) {
                published.completeExceptionally(failure);
                return;
            }
            if (publishFailing.compareAndSet(false, true)) {
                log.warn("gateway: publishing an event to Redis failed, retrying every second: {}", failure.toString());
            }
            retries.schedule(() -> append(account, body, published), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Carries out one entry of {@code account}'s command stream (on a virtual thread of its own). */
    private void carryOut(String account, Call call) {
        String key = key(account, call.answering());
        if (call.isDone()) {
            CompletableFuture<Pending> slot = pending.remove(key);
            if (slot != null && slot.isDone()) {
                Pending finished = slot.join();
                finished.finished().complete(new DispatchTrace(finished.event(), clock.instant(), steps(call), account));
            }
            return;
        }
        Answer answer;
        if (call.answering().isEmpty()) {
            answer = bots.apply(account).map(found -> CallRunner.run(call, found)).orElseGet(() -> notOnline(account, call));
        } else {
            Optional<Pending> handling = handling(account, call);
            answer = handling.map(found -> CallRunner.run(call, found.bot()))
                    .or(() -> bots.apply(account).map(found -> CallRunner.run(call, found)))
                    .orElseGet(() -> notOnline(account, call));
            if (handling.isPresent() && sessionStopped(answer)) {
                // The session behind the message's bot stopped (its lease was lost and taken again here): the
                // message is being handed over again; the send goes out with the new handing-over's bot instead
                // of failing, or the worker would finish the message without its answer.
                Optional<Pending> again = replaced(account, call.answering(), handling.get());
                if (again.isPresent()) answer = CallRunner.run(call, again.get().bot());
            }
        }
        link.shared().async().xadd(keys.answers(call.answerTo()), Caller.answerTrim(), answer.body());
    }

    private static Answer notOnline(String account, Call call) {
        return Answer.failed(call.id(), "account " + account + " is not online on this gateway");
    }

    /** Whether {@code answer} is a send refused because the session stopped. */
    private static boolean sessionStopped(Answer answer) {
        if (answer.failed() || answer.value().isEmpty()) return false;
        try {
            return WireJson.read(answer.value(), SendReceipt.class) instanceof SendReceipt.Failed failed
                    && failed.reason() == FailureReason.LOGGED_OUT;
        } catch (WireException e) {
            return false; // not a send's answer
        }
    }

    /** The published message a call answers; a moment's wait when the message is being handed over again here. */
    private Optional<Pending> handling(String account, Call call) {
        CompletableFuture<Pending> slot = pending.computeIfAbsent(key(account, call.answering()),
                key -> new CompletableFuture<>());
        try {
            return Optional.of(slot.get(MESSAGE_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            pending.remove(key(account, call.answering()), slot);
            log.debug("account {}: a call answers a message not handled here; made with the account's bot", account);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** The message's next handing-over here, once its session publishes it again (within a moment), if it does. */
    private Optional<Pending> replaced(String account, String messageKey, Pending stale) {
        long deadline = System.nanoTime() + MESSAGE_WAIT.toNanos();
        while (System.nanoTime() < deadline && !closed) {
            CompletableFuture<Pending> slot = pending.get(key(account, messageKey));
            if (slot != null && slot.isDone() && slot.join() != stale) return Optional.of(slot.join());
            try {
                Thread.sleep(50); // the replay comes from the session's start; nothing to wait on here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<DispatchTrace.Step> steps(Call done) {
        try {
            return WireJson.read(done.args().getFirst(), WireJson.STEPS);
        } catch (RuntimeException e) {
            return List.of(); // the trace is for the log only; the message is finished all the same
        }
    }

    private static String key(String account, String messageId) {
        return account + '\n' + messageId;
    }

    /** How many published messages wait for a worker's report here. */
    public int waiting() {
        return (int) pending.values().stream().filter(CompletableFuture::isDone).count();
    }

    @Override
    public void close() {
        closed = true;
        commands.close();
        retries.shutdownNow();
        link.close();
    }

    /** A published message: its event, the bot its calls are made with, and what completes when it is finished. */
    private record Pending(BotEvent event, Bot bot, CompletableFuture<DispatchTrace> finished) {
    }
}
