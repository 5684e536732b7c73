package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.ForwardingBot;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.safeoutput.TerminalText;
import dev.webwxbot.server.json.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation at INFO, so an operator sees what the bot did without DEBUG: one line per message received,
 * written once the plugin chain has had its turn (so it can say which plugin answered, or that none did), then one
 * line per reply a plugin sent for it. The lines of one message stay together and in order.
 *
 * <pre>
 * account default: message in: text in 'Alice' from 'Alice' → answered by echo
 * account default: reply out: text to 'Alice' by echo → sent
 * </pre>
 *
 * <p>Texts only with {@code webwx-bot.log.message-text = true}: a log file outlives the chat and is read by
 * people the chat was not meant for. Messages the account sent itself (the server's echoes of the bot's own
 * replies, the owner writing from the phone) go to DEBUG unless a plugin answered them: the reply's own line
 * already says what went out. Names, ids and texts come from the network, so each goes through
 * {@link TerminalText#clean} here, whatever appender an operator configures. The logger is
 * {@value #LOGGER}: an operator can raise it to WARN to silence these lines. Thread-safe.
 */
final class ConversationLog {

    static final String LOGGER = "dev.webwxbot.conversation";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final int TEXT_PREVIEW = 200;

    private volatile boolean messageText;

    ConversationLog(boolean messageText) {
        this.messageText = messageText;
    }

    /** Whether texts are logged; applies to the next message. */
    void messageText(boolean enabled) {
        this.messageText = enabled;
    }

    /** Starts the lines of one received message: hand {@link Turn#bot()} to the chain, then {@link Turn#finished}. */
    Turn begin(String account, MessageEvent message, Bot bot) {
        return new Turn(account, message, bot, messageText);
    }

    /** One received message and the replies sent for it while the chain ran. */
    static final class Turn {
        private final String account;
        private final MessageEvent message;
        private final Bot bot;
        private final boolean withText;
        private final List<Reply> replies = new ArrayList<>(); // guarded by itself; in the order the sends began

        private Turn(String account, MessageEvent message, Bot bot, boolean withText) {
            this.account = account;
            this.message = message;
            this.bot = new NotingBot(bot);
            this.withText = withText;
        }

        /** The bot to run the chain with: its sends are noted for the reply lines. */
        Bot bot() {
            return bot;
        }

        /** Logs the message's line and its replies' lines, now that the chain is done with it. */
        void finished(DispatchTrace trace) {
            List<String> answering = trace.steps().stream().filter(step -> step.replies() > 0)
                    .map(DispatchTrace.Step::pluginId).distinct().toList();
            boolean quiet = message.envelope().fromSelf() && answering.isEmpty();
            if (quiet ? !log.isDebugEnabled() : !log.isInfoEnabled()) return;
            String line = "account " + clean(account) + ": message in: " + describe(message) + " → " + outcome(trace, answering);
            if (quiet) log.debug(line); else log.info(line);
            List<Reply> sent;
            synchronized (replies) {
                sent = List.copyOf(replies);
            }
            List<String> authors = authors(trace, sent.size());
            for (int i = 0; i < sent.size(); i++) {
                Reply reply = sent.get(i);
                log.info("account {}: reply out: {} to '{}' by {}{} → {}", clean(account), kind(reply.message()),
                        clean(reply.chat().displayName()), authors.get(i), text(reply.message()),
                        receipt(reply.receipt()));
            }
        }

        /** What arrived: kind, chat, sender, a mention of the bot, and the text when configured. */
        private String describe(MessageEvent event) {
            StringBuilder line = new StringBuilder(EventJson.type(event).replaceFirst("^message\\.", ""));
            line.append(" in '").append(clean(event.chat().displayName())).append("' from '")
                    .append(event.envelope().fromSelf() ? "me" : clean(event.sender().displayName())).append('\'');
            if (event.envelope().mentionsMe()) line.append(", mentioning me");
            if (withText && event instanceof TextMessage text) line.append(": \"").append(preview(text.text())).append('"');
            return line.toString();
        }

        private static String outcome(DispatchTrace trace, List<String> answering) {
            StringBuilder outcome = new StringBuilder(answering.isEmpty() ? "no plugin answered"
                    : "answered by " + String.join(", ", answering));
            if (answering.isEmpty()) {
                trace.steps().stream().filter(step -> step.result() == DispatchTrace.Result.STOPPED).findFirst()
                        .ifPresent(step -> outcome.append(" (stopped by ").append(step.pluginId()).append(')'));
                if (trace.steps().isEmpty()) outcome.append(" (no plugin in the chain)");
            }
            String failed = trace.steps().stream()
                    .filter(step -> step.result() == DispatchTrace.Result.FAILED
                            || step.result() == DispatchTrace.Result.TIMED_OUT)
                    .map(step -> step.pluginId() + (step.result() == DispatchTrace.Result.FAILED ? " failed" : " timed out"))
                    .collect(Collectors.joining(", "));
            if (!failed.isEmpty()) outcome.append("; ").append(failed);
            return outcome.toString();
        }

        /**
         * Which plugin sent each reply. Handlers run one after another, and the trace counts each one's sends, so
         * the n-th send belongs to the handler whose count covers n. (A handler cut off by its time budget while a
         * send of it was still starting could be misnamed; the trace itself stays exact.)
         */
        private static List<String> authors(DispatchTrace trace, int count) {
            List<String> authors = new ArrayList<>(count);
            for (DispatchTrace.Step step : trace.steps()) {
                for (int i = 0; i < step.replies() && authors.size() < count; i++) authors.add(step.pluginId());
            }
            while (authors.size() < count) authors.add("the chain");
            return authors;
        }

        private String text(Outgoing outgoing) {
            if (!withText) return "";
            return switch (outgoing) {
                case Outgoing.Text text -> ": \"" + preview(text.text()) + '"';
                case Outgoing.Quote quote -> ": \"" + preview(quote.text()) + '"';
                case Outgoing.Image image -> ": " + clean(String.valueOf(image.file().getFileName()));
                case Outgoing.Video video -> ": " + clean(String.valueOf(video.file().getFileName()));
                case Outgoing.File file -> ": " + clean(String.valueOf(file.file().getFileName()));
                case Outgoing.Emoticon emoticon -> ": " + clean(String.valueOf(emoticon.file().getFileName()));
                case Outgoing.StoredEmoticon stored -> "";
                case Outgoing.Forward forward -> ": message " + clean(forward.original().msgId());
            };
        }

        private static String kind(Outgoing outgoing) {
            return switch (outgoing) {
                case Outgoing.Text text -> text.mentions().isEmpty() ? "text" : "text mentioning "
                        + text.mentions().stream().map(c -> "'" + clean(c.displayName()) + "'").collect(Collectors.joining(", "));
                case Outgoing.Quote quote -> "text quoting " + clean(quote.quotedMsgId());
                case Outgoing.Image image -> "image";
                case Outgoing.Video video -> "video";
                case Outgoing.File file -> "file";
                case Outgoing.Emoticon emoticon -> "emoticon";
                case Outgoing.StoredEmoticon stored -> "emoticon";
                case Outgoing.Forward forward -> "forward of " + EventJson.type(forward.original());
            };
        }

        private static String receipt(SendReceipt receipt) {
            return switch (receipt) {
                case null -> "still sending"; // a handler out of time whose send had not returned yet
                case SendReceipt.Sent sent -> "sent";
                case SendReceipt.Failed failed -> "failed: " + failed.reason() + " (" + clean(failed.detail()) + ")";
            };
        }

        private static String preview(String text) {
            String cleaned = clean(text);
            return cleaned.length() <= TEXT_PREVIEW ? cleaned : cleaned.substring(0, TEXT_PREVIEW) + "…";
        }

        private void noted(Reply reply) {
            synchronized (replies) {
                replies.add(reply);
            }
        }

        /** The bot the chain gets for this message: every call goes to the account's bot; sends are noted. */
        private final class NotingBot extends ForwardingBot {

            NotingBot(Bot delegate) {
                super(delegate);
            }

            @Override
            public SendReceipt send(Contact chat, Outgoing message) {
                Reply reply = new Reply(chat, message);
                noted(reply); // when the send begins: the order the handlers sent in, whatever the server's pace
                SendReceipt receipt = super.send(chat, message);
                reply.receipt = receipt;
                return receipt;
            }

        }
    }

    private static String clean(String text) {
        return TerminalText.clean(text == null ? "" : text);
    }

    /** A send of the chain; its receipt once the send returned (a send still running when the chain ended has none). */
    private static final class Reply {
        private final Contact chat;
        private final Outgoing message;
        private volatile SendReceipt receipt;

        Reply(Contact chat, Outgoing message) {
            this.chat = chat;
            this.message = message;
        }

        Contact chat() {
            return chat;
        }

        Outgoing message() {
            return message;
        }

        SendReceipt receipt() {
            return receipt;
        }
    }
}
