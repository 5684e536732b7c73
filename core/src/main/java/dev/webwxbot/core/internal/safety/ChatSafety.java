package dev.webwxbot.core.internal.safety;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.SafetyOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One session's safety behaviours for chats, where the session's messages and sends pass: human takeover and the
 * owner's commands ({@link #received}), the pauses' gate, the per-chat and the account's ceilings ({@link #admit}),
 * and the loop breaker, which hears both sides ({@link #received}, {@link #sent}). Knows nothing of the network:
 * the session tells it whether an own message is the echo of the bot's send. Thread-safe; never blocks (its locks
 * guard a few collections), so it may be called on the event loop.
 */
public final class ChatSafety {

    private static final Logger log = LoggerFactory.getLogger(ChatSafety.class);

    private final SafetyOptions options;
    private final PauseBoard board;
    private final LoopBreaker loops;
    private final SendCeiling ceiling;
    private final OwnerCommands commands;

    /**
     * @param events where {@code ChatPaused}, {@code ChatResumed} and {@code SendCeilingReached} go (the session's
     *     listener); called on whichever thread acted, must return at once
     * @param contacts the session's address book, to resolve the names the owner's commands give
     * @param answerOwner sends the owner's command its answer (chat, text) without waiting, as the operator would
     */
    public ChatSafety(SafetyOptions options, Consumer<SafetyEvent> events, Contacts contacts,
                      BiConsumer<Contact, String> answerOwner) {
        this.options = options;
        this.board = new PauseBoard(options.clock(), events);
        this.loops = new LoopBreaker(options.loops());
        this.ceiling = new SendCeiling(options.loops().accountCeiling(), options.loops().accountCeilingWindow(),
                options.clock(), events);
        this.commands = new OwnerCommands(options.takeover(), board, contacts, answerOwner);
    }

    /** The session's paused chats. */
    public ChatPauses pauses() {
        return board;
    }

    /** Ends the pauses that ran out, so a pause ends without a message in its chat. */
    public void sweep() {
        board.expireDue();
    }

    /**
     * Sweeps every {@code interval} until {@code over}: the timer is the caller's ({@code after}, the event loop's),
     * what has run out is read on the safety clock, so a test's fake clock needs no timer of its own.
     */
    public void sweepEvery(Duration interval, Function<Duration, CompletableFuture<Void>> after, BooleanSupplier over) {
        after.apply(interval).thenRun(() -> {
            if (over.getAsBoolean()) return;
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("ending chat pauses that ran out failed: {}", e.toString());
            }
            sweepEvery(interval, after, over);
        });
    }

    /**
     * A received message, before the plugins see it. Another's message counts for the loop breaker; an own message
     * the bot did not send ({@code botsOwnSend} false) is the owner's: a command in the command chat, or else a
     * takeover of its chat.
     *
     * @param botsOwnSend whether the message is the echo of a send of this session
     */
    public void received(MessageEvent message, boolean botsOwnSend) {
        Contact chat = message.chat();
        Instant now = options.clock().instant();
        if (!message.envelope().fromSelf()) {
            if (!written(message)) return;
            loops.received(chat.userName(), PauseBoard.describe(chat), Texts.of(message), now, chat.isGroup())
                    .ifPresent(why ->
                    board.pause(chat, ChatPaused.Cause.REPLY_LOOP, Optional.of(options.loops().cooldown()), why));
            return;
        }
        if (botsOwnSend || !written(message)) return;
        if (commands.handle(message)) return;
        SafetyOptions.Takeover takeover = options.takeover();
        if (!takeover.enabled() || chat.userName().equals(takeover.commandChat())) return;
        board.pause(chat, ChatPaused.Cause.OWNER_WROTE, Optional.of(takeover.pause()), "the owner wrote in "
                + PauseBoard.describe(chat) + " from another device: the bot stops answering there for "
                + Durations.words(takeover.pause()) + " (each further message of the owner there extends it)");
    }

    /**
     * A send about to be made: refused while its chat is paused (unless the operator makes it), past the chat's
     * ceiling (which pauses the chat) and past the account's ceiling (for everyone).
     *
     * @param operator whether the operator asked for it (the HTTP API), not a plugin
     * @return the refusal, or empty when the send may go
     */
    public Optional<SendReceipt.Failed> admit(Contact chat, boolean operator) {
        if (!operator) {
            Optional<PausedChat> pause = board.paused(chat.userName());
            if (pause.isPresent()) return Optional.of(refusal(pause.get()));
            Optional<String> storm = loops.sending(chat.userName(), PauseBoard.describe(chat), options.clock().instant());
            if (storm.isPresent()) {
                PausedChat paused = board.pause(chat, ChatPaused.Cause.SEND_CEILING,
                        Optional.of(options.loops().cooldown()), storm.get());
                return Optional.of(refusal(paused));
            }
        }
        return ceiling.acquire().map(detail -> new SendReceipt.Failed(FailureReason.THROTTLED, 0, detail));
    }

    /** A send's outcome: a plugin's send that went out is what the other side may answer, for the loop breaker. */
    public void sent(Contact chat, Outgoing message, SendReceipt receipt, boolean operator) {
        if (operator || !(receipt instanceof SendReceipt.Sent)) return;
        loops.sent(chat.userName(), Texts.of(message), options.clock().instant());
    }

    private static SendReceipt.Failed refusal(PausedChat pause) {
        return new SendReceipt.Failed(FailureReason.REJECTED, 0, "not sent: the bot is paused in "
                + PauseBoard.describe(pause.chat()) + " (" + pause.cause() + ") "
                + pause.until().map(end -> "until " + end).orElse("until the owner or the operator resumes it")
                + ": " + pause.explanation());
    }

    /** Whether a person wrote it (a text, media, a card …), rather than the server (notices, revokes, requests). */
    private static boolean written(MessageEvent message) {
        return !(message instanceof SystemNotice || message instanceof RevokeNotice || message instanceof RevokedMessage
                || message instanceof FriendRequest || message instanceof UnknownMessage);
    }
}
