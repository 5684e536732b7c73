package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A phone login whose "plugin" answers each friend's text with {@code "ack " + text}, one message at a time in
 * arrival order as the plugin chain does, through the bot handed over with the message. The bot's own echoes are
 * not answered.
 */
final class AnsweringLogin extends PhoneLogin {

    /** What the handler does with each text. */
    enum Mode {
        /** Answers, then finishes. */
        ANSWER,
        /** Takes it and never finishes (a handler stuck elsewhere). */
        NEVER_FINISH,
        /** Answers, then never finishes: the answer went out, the message stays unfinished. */
        ANSWER_THEN_HANG
    }

    final AtomicInteger taken = new AtomicInteger();
    final List<SendReceipt> receipts = new CopyOnWriteArrayList<>();
    private final Mode mode;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    AnsweringLogin(Account account, Mode mode) {
        super(account);
        this.mode = mode;
    }

    @Override
    public synchronized CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
        if (!(message instanceof TextMessage text) || text.sender().equals(bot.self())) {
            return CompletableFuture.completedFuture(null);
        }
        taken.incrementAndGet();
        if (mode == Mode.NEVER_FINISH) return new CompletableFuture<>();
        CompletableFuture<?> answered = tail.thenApplyAsync(ignored -> receipts.add(bot.sendText(text.chat(), "ack " + text.text())),
                task -> Thread.ofVirtual().start(task)).handle((added, failure) -> null);
        tail = answered;
        return mode == Mode.ANSWER ? answered : answered.thenCompose(ignored -> new CompletableFuture<>());
    }

    void awaitTaken(int count) {
        Await.until(() -> taken.get() >= count, () -> count + " messages taken in, got " + taken.get(), Duration.ofSeconds(20));
        assertEquals(count, taken.get(), "messages taken in");
    }

    void awaitReceipts(int count) {
        Await.until(() -> receipts.size() >= count, () -> count + " answers sent, got " + receipts.size(),
                Duration.ofSeconds(20));
    }
}
