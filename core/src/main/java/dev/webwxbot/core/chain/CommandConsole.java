package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.ForwardingBot;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A command typed on a console (the terminal client) by the account's owner, made into the message the chain
 * understands: from the account itself, in the chosen chat, addressed to the bot in a group; and the bot it runs
 * with, which hands what the chain answers to that chat to the console instead of sending it. Stateless apart from
 * the message ids it counts.
 */
final class CommandConsole {

    private static final AtomicLong IDS = new AtomicLong();

    private CommandConsole() {
    }

    /** {@code command} (without the prefix) as the account's message in {@code chat}. */
    static TextMessage message(String command, Contact chat, Contact self, String prefix) {
        Envelope envelope = new Envelope("console-" + IDS.incrementAndGet(), chat, self, Instant.now(), false,
                chat.isGroup());
        return new TextMessage(envelope, prefix + command.strip());
    }

    /** {@code bot}, except that messages to {@code chat} go to {@code answers} (a text as it is, others described). */
    static Bot answeringTo(Bot bot, Contact chat, Consumer<String> answers) {
        Objects.requireNonNull(answers, "answers");
        return new ForwardingBot(bot) {
            @Override
            public SendReceipt send(Contact to, Outgoing message) {
                if (!to.userName().equals(chat.userName())) return super.send(to, message);
                answers.accept(message instanceof Outgoing.Text text ? text.text()
                        : "(" + message.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " not sent)");
                return new SendReceipt.Sent("console", "console", chat.userName());
            }
        };
    }
}
