package dev.webwxbot.server.store;

import com.typesafe.config.Config;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.History;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MediaPolicy;
import dev.webwxbot.store.MediaRef;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.PruneResult;
import dev.webwxbot.store.SearchQuery;
import dev.webwxbot.store.StoreSettings;
import dev.webwxbot.store.StoreWrite;
import dev.webwxbot.store.WriteQueue;
import dev.webwxbot.store.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of the message store: every received message and every send of every account recorded, the
 * media saved by the store's policy, the history plugins read, and retention in the background.
 *
 * <p>The store never stops the bot: a database that cannot be opened (corrupted, locked, unreachable) is reported
 * once at start and the daemon runs without it; a write that fails is logged once per run of failures (the next
 * success says so) and the message goes on through the chain and the webhooks. Thread-safe.
 */
public final class MessageLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);
    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private static final String ROOT = "webwx-bot.store";

    private final MessageStore store; // null: no store (off, or it could not be opened)
    private final StoreSettings settings;
    private final Path downloads;
    private final Clock clock;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final ScheduledExecutorService retention;
    private final WriteQueue writeQueue; // null when there is no store
    private final OwnSends ownSends = new OwnSends();

    private MessageLog(MessageStore store, StoreSettings settings, Path downloads, Clock clock, Duration checkEvery) {
        this.store = store;
        this.settings = settings;
        this.downloads = downloads;
        this.clock = clock;
        this.writeQueue = store == null ? null : new WriteQueue(store);
        if (store == null) {
            retention = null;
        } else {
            retention = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("webwx-store-retention").factory());
            long every = Math.max(1, checkEvery.toMillis());
            retention.scheduleWithFixedDelay(this::applyRetention, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens the store the configuration's {@code webwx-bot.store} block describes (by default SQLite in the data
     * folder). Never throws for the database itself: one clear ERROR, and the daemon runs without a store.
     */
    public static MessageLog open(Config config, Path dataDir, Clock clock) {
        if (!StoreSettings.enabled(config)) {
            log.info("the message store is off ({}.enabled = false): nothing is recorded", ROOT);
            return new MessageLog(null, null, dataDir, clock, Duration.ZERO);
        }
        StoreSettings settings = StoreSettings.read(config, dataDir); // a wrong setting fails the start, as any other
        Duration checkEvery = StoreSettings.checkEvery(config);
        try {
            MessageStore store = MessageStore.open(settings);
            return new MessageLog(store, settings, dataDir.resolve("tmp").resolve("store-media"), clock, checkEvery);
        } catch (RuntimeException e) {
            log.error("the message store cannot be opened, so the bot runs without it (nothing is recorded, history "
                    + "is empty, anti-revoke finds nothing): {}", e.getMessage());
            return new MessageLog(null, settings, dataDir, clock, Duration.ZERO);
        }
    }

    /** Whether a store is open. */
    public boolean enabled() {
        return store != null;
    }

    /** The open store (for the API's search routes); empty when off or when it could not be opened. */
    public Optional<MessageStore> store() {
        return Optional.ofNullable(store);
    }

    /**
     * Records a received message (its chat and sender as contacts, its media by the policy) off the caller's thread,
     * in the same transaction as the messages around it. The future completes when it is committed (or the write
     * failed, which is logged) and never fails.
     */
    public CompletableFuture<Void> received(String account, MessageEvent event, Bot bot) {
        if (store == null) return CompletableFuture.completedFuture(null);
        String what = "recording a " + event.getClass().getSimpleName();
        return CompletableFuture.supplyAsync(() -> writesFor(account, event, bot), VIRTUAL)
                .thenCompose(writes -> CompletableFuture.allOf(writes.stream().map(writeQueue::submit)
                        .toArray(CompletableFuture[]::new)))
                .handle((ok, failure) -> {
                    outcome(what, failure);
                    return null;
                });
    }

    private List<StoreWrite> writesFor(String account, MessageEvent event, Bot bot) {
        Instant seen = event.envelope().time();
        List<StoreWrite> writes = new ArrayList<>(3);
        writes.add(new StoreWrite.Contact(account, Rows.contact(event.chat(), seen)));
        if (!event.sender().userName().equals(event.chat().userName())) {
            writes.add(new StoreWrite.Contact(account, Rows.contact(event.sender(), seen)));
        }
        if (!echoOfOwnSend(account, event)) {
            // The session name changes at every login; the identity is what finds this person's messages later.
            String identity = bot.contacts().identity(event.sender()).map(Identity::toString).orElse("");
            writes.add(new StoreWrite.Message(Rows.inbound(account, event, media(event, bot), identity)));
        }
        return writes;
    }

    /**
     * Whether {@code event} is the server's echo of a send this bot made, which is already its OUT row: one of this
     * run's sends still awaiting its echo, else (a send of an earlier run) by MsgId in the store, or a send still
     * queued there to the same chat with the same kind and text. What the owner writes on the phone is also from
     * this account, and is kept.
     */
    private boolean echoOfOwnSend(String account, MessageEvent event) {
        if (!event.envelope().fromSelf()) return false;
        String kind = EventJson.type(event);
        String text = Rows.text(event);
        if (ownSends.takeEcho(account, event, kind, text)) return true;
        writeQueue.flush().join(); // the store must hold every send this run queued before it is asked
        if (store.byMsgId(account, event.msgId()).filter(row -> row.direction() == Direction.OUT).isPresent()) {
            return true;
        }
        return store.pendingSends(account).stream().anyMatch(row -> Rows.echoOf(row, event, kind, text));
    }

    /**
     * Records a send before it leaves ({@code queued}) under {@code localId}, and waits until it is committed, so a
     * crash after the send left still finds its row. Never throws.
     */
    void queued(String account, Contact self, Contact chat, Outgoing message, String localId) {
        if (store == null) return;
        try {
            Optional<MediaRef> media = Rows.file(message).flatMap(file -> saveFile(file, file.getFileName().toString()));
            StoredMessage row = Rows.outbound(account, self, chat, message, localId, clock.instant(), media);
            ownSends.queued(row);
            writeQueue.submit(new StoreWrite.Message(row)).join();
            outcome("recording a send", null);
        } catch (RuntimeException e) {
            outcome("recording a send", e);
        }
    }

    /**
     * A send an earlier run left to the session's outbox was settled by this run (the session's monitor says so):
     * its row gets the receipt. Never throws.
     */
    public void settled(String account, String clientId, SendReceipt receipt) {
        sent(account, clientId, receipt); // only queues the write: fine on the network thread that tells it
    }

    /**
     * Settles the rows of {@code account}'s sends that the store still shows queued although {@code outcomes} (the
     * session's outbox) knows how they ended: an earlier run settled them and stopped, killed, before its update of
     * the row was written. Called once the account is online; returns how many rows it settled. Never throws.
     */
    public int reconcile(String account, Function<String, Optional<SendReceipt>> outcomes) {
        if (store == null) return 0;
        List<StoredMessage> queued = write("reading queued sends", () -> {
            writeQueue.flush().join(); // this run's own rows and outcomes first
            return store.pendingSends(account);
        });
        if (queued == null) return 0;
        int settled = 0;
        for (StoredMessage row : queued) {
            if (row.localId().isEmpty()) continue;
            Optional<SendReceipt> outcome = outcomes.apply(row.localId());
            if (outcome.isEmpty()) continue; // still under way, or older than the outbox remembers
            sent(account, row.localId(), outcome.get());
            settled++;
        }
        if (settled > 0) {
            log.info("account {}: {} stored send(s) left queued by an earlier run were settled from the outbox",
                    account, settled);
        }
        return settled;
    }

    /** Fills a recorded send's receipt or failure, in the background. Never throws. */
    void sent(String account, String localId, SendReceipt receipt) {
        if (store == null) return;
        StoreWrite.SendOutcome outcome = switch (receipt) {
            case SendReceipt.Sent s -> {
                ownSends.sent(account, localId, s.msgId());
                yield new StoreWrite.SendOutcome(account, localId, s.msgId(), Rows.SENT, "");
            }
            case SendReceipt.Failed f -> {
                ownSends.failed(account, localId);
                yield new StoreWrite.SendOutcome(account, localId, "", Rows.FAILED,
                        f.reason() + (f.detail().isEmpty() ? "" : ": " + f.detail()));
            }
        };
        writeQueue.submit(outcome).whenComplete((ok, failure) -> outcome("recording a send's outcome", failure));
    }

    /** The stored message with this MsgId, as plugins read it. */
    public Optional<HistoryEntry> byMsgId(String account, String msgId) {
        if (store == null) return Optional.empty();
        return Optional.ofNullable(write("looking a message up", () -> {
                    writeQueue.flush().join();
                    return store.byMsgId(account, msgId).orElse(null);
                }))
                .map(row -> Rows.entry(row, store.media()::resolve));
    }

    /** What {@code account} received and sent, for {@link Bot#history()}. */
    History history(String account) {
        if (store == null) return History.empty();
        return new History() {
            @Override
            public List<HistoryEntry> latest(Contact chat, int limit) {
                List<StoredMessage> rows = read(() -> store.latest(account, chat.userName(), limit));
                if (rows.isEmpty()) { // ids change at each login: a chat of an earlier session is found by its name
                    rows = read(() -> store.search(SearchQuery.text("").account(account).chat(Rows.name(chat))
                            .limit(limit)));
                }
                return rows.stream().map(row -> Rows.entry(row, store.media()::resolve)).toList();
            }

            @Override
            public List<HistoryEntry> search(String text, int limit) {
                return read(() -> store.search(SearchQuery.text(text).account(account).limit(limit))).stream()
                        .map(row -> Rows.entry(row, store.media()::resolve)).toList();
            }
        };
    }

    /** Wraps a bot handed out for {@code account} so its sends are recorded and it has a history. */
    public Bot recording(String account, Bot bot) {
        return bot instanceof RecordingBot ? bot : new RecordingBot(account, bot, this);
    }

    /** Prunes what is older than {@code max-age}, then the oldest until the database is under {@code max-size}. */
    void applyRetention() {
        if (store == null) return;
        PruneResult result = write("applying retention", () ->
                store.prune(clock.instant().minus(settings.maxAge()), settings.maxBytes()));
        if (result != null && result.deletedRows() > 0) {
            log.info("message store retention: {} message(s) and {} media file(s) removed, {} bytes freed",
                    result.deletedRows(), result.deletedMediaFiles(), result.freedBytes());
        }
    }

    @Override
    public void close() {
        if (retention != null) retention.shutdownNow();
        if (writeQueue != null) writeQueue.close(); // writes what is queued
        if (store != null) store.close();
    }

    /** Saves a received message's media by the policy: downloaded into a temp folder, then filed by content hash. */
    private Optional<MediaRef> media(MessageEvent event, Bot bot) {
        if (!Rows.hasMedia(event) || settings.media() instanceof MediaPolicy.None) return Optional.empty();
        if (event instanceof FileMessage file && tooLarge(file.size())) return Optional.empty();
        Path folder;
        try {
            folder = Files.createTempDirectory(OwnerOnly.createDirectories(downloads), "m");
        } catch (IOException e) {
            throw new IllegalStateException("no temp folder for media: " + e, e);
        }
        try {
            return switch (bot.download(event, folder)) {
                case Result.Ok<Path> ok -> saveFile(ok.value(), ok.value().getFileName().toString());
                case Result.Failed<Path> failed -> {
                    log.debug("media of {} not kept: the download failed: {}", event.msgId(), failed.detail());
                    yield Optional.empty();
                }
            };
        } finally {
            deleteTree(folder);
        }
    }

    private Optional<MediaRef> saveFile(Path file, String fileName) {
        if (settings.media() instanceof MediaPolicy.None) return Optional.empty();
        try {
            if (tooLarge(Files.size(file))) return Optional.empty();
            try (InputStream in = Files.newInputStream(file)) {
                return store.media().save(in, fileName); // empty when the policy refuses it
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the media file " + fileName + ": " + e, e);
        }
    }

    private boolean tooLarge(long size) {
        return !settings.media().accepts(size);
    }

    /** Runs a store call; a failure is logged once per run of failures and yields null. */
    private <T> T write(String what, Supplier<T> call) {
        try {
            T result = call.get();
            outcome(what, null);
            return result;
        } catch (RuntimeException e) {
            outcome(what, e);
            return null;
        }
    }

    /** Notes how a store call ended ({@code failure} null: well): only the first of a run of failures is logged. */
    private void outcome(String what, Throwable failure) {
        if (failure == null) {
            if (failing.compareAndSet(true, false)) log.info("the message store works again");
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (failing.compareAndSet(false, true)) {
            log.error("the message store failed ({}); the bot goes on without recording, and further failures "
                    + "are not logged until it works again: {}", what, cause.toString());
        }
    }

    /** Reads after every write queued so far is in the store. */
    private <T> List<T> read(Supplier<List<T>> call) {
        List<T> rows = write("reading history", () -> {
            writeQueue.flush().join();
            return call.get();
        });
        return rows == null ? List.of() : rows;
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("temp media folder {} not removed: {}", folder, e.toString());
        }
    }
}
