package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MessageEvent;
import com.typesafe.config.Config;
import dev.webwxbot.launcher.LauncherSettings;
import dev.webwxbot.launcher.ProgressPrinter;
import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive console of {@code webwx-bot chat} on one JLine terminal: logs in, asks about auto-reply, prints
 * incoming messages above the prompt and runs the user's commands until {@code quit}, end of input, or Ctrl-C on
 * an empty line. Sends run one after another on a virtual thread, so the prompt never waits for the network and
 * messages to one chat keep the order they were typed in. Used by one thread ({@link #run()}).
 */
final class ChatConsole {

    static final String HISTORY_FILE = "chat-history";
    static final String MEDIA_DIR = "media";
    private static final int PROMPT_NAME_COLUMNS = 20;
    private static final long SEND_DRAIN_SECONDS = 15;

    private final Terminal terminal;
    private final LauncherSettings settings;
    private final Config config;
    private final Optional<Boolean> autoReplyChoice;
    private final ZoneId zone;
    private final MessageLine messageLine;
    private final RecentChats recent = new RecentChats();
    private final LineReader reader;
    private final ConsoleOutput output;
    private final ExecutorService sends =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("chat-send").factory());

    private volatile ChatBot bot;
    private Contact currentChat;
    private volatile boolean quitting;

    /**
     * @param autoReplyChoice auto-reply on or off from the command line; empty to ask
     */
    ChatConsole(Terminal terminal, LauncherSettings settings, Config config, Optional<Boolean> autoReplyChoice,
                ZoneId zone) {
        this.config = config;
        this.terminal = terminal;
        this.settings = settings;
        this.autoReplyChoice = autoReplyChoice;
        this.zone = zone;
        this.messageLine = new MessageLine(zone);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("webwx-bot")
                .parser(new ChatLineParser())
                .completer(new ChatCompleter(this::contacts))
                .completionMatcher(new ChatCompleter.Matcher())
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.HISTORY_SIZE, 1000)
                // "!" and "^" are ordinary characters in a chat message, not history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
        this.output = new ConsoleOutput(reader);
    }

    /** Runs the console; the process exit code. */
    int run() {
        ChatBot chat = new ChatBot(settings, config, new ProgressPrinter(loginStream(), true), this::incoming);
        this.bot = chat;
        try {
            output.say("[chat] plugins: " + (chat.pluginNames().isEmpty() ? "none" : chat.pluginNames()));
            Contact self;
            try {
                self = chat.start().join();
            } catch (CompletionException e) {
                output.say("[chat] login failed: " + TerminalText.clean(String.valueOf(
                        e.getCause() == null ? e : e.getCause().getMessage())));
                return 1;
            }
            chat.ended().whenComplete((end, error) -> {
                if (!quitting) output.say(ended(end, error));
            });
            chat.autoReply(autoReplyChoice.orElseGet(this::askAutoReply));
            output.say("[chat] online as " + TerminalText.clean(self.displayName()) + "; auto-reply "
                    + (chat.autoReply() ? "on" : "off") + "; type /help for the commands");
            return loop();
        } finally {
            quitting = true;
            drainSends();
            chat.close();
            output.close();
            saveHistory();
        }
    }

    private int loop() {
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                // Ctrl-C drops what is typed; on an empty line it leaves, as a shell user expects.
                if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) return 0;
                continue;
            } catch (EndOfFileException e) {
                return 0;
            }
            if (handle(ConsoleCommand.parse(line, bot.commandPrefix(), bot.commandNames()))) return 0;
        }
    }

    /** Runs one command; true when it was {@code quit}. */
    private boolean handle(ConsoleCommand command) {
        switch (command) {
            case ConsoleCommand.Quit quit -> {
                output.say("[chat] bye");
                return true;
            }
            case ConsoleCommand.Empty empty -> {
            }
            case ConsoleCommand.Invalid invalid -> output.say("[chat] " + invalid.message());
            case ConsoleCommand.Help help -> HelpText.LINES.forEach(output::say);
            case ConsoleCommand.ListChats list -> listChats();
            case ConsoleCommand.AutoReply auto -> autoReply(auto.on());
            case ConsoleCommand.SwitchChat to -> resolve(to.name()).ifPresent(chat -> {
                currentChat = chat;
                recent.read(chat, Instant.now());
                output.say("[chat] talking to " + NameResolver.describe(chat) + "; plain lines go there");
            });
            case ConsoleCommand.Plain plain -> {
                if (currentChat == null) {
                    output.say("[chat] no chat chosen: type /to NAME first, or ->NAME:TEXT (/help lists the commands)");
                } else {
                    send(currentChat, new OutgoingFactory.Ready(Outgoing.text(plain.text()), "text"));
                }
            }
            case ConsoleCommand.BotCommand run -> runCommand(run.command());
            case ConsoleCommand.Send send -> resolve(send.name()).ifPresent(chat -> {
                switch (OutgoingFactory.prepare(send.kind(), send.argument())) {
                    case OutgoingFactory.Refused refused -> output.say("[chat] not sent: " + refused.reason());
                    case OutgoingFactory.Ready ready -> send(chat, ready);
                }
            });
        }
        return false;
    }

    /** Runs a plugin command in the current chat; what the plugins answer there is shown, not sent. */
    private void runCommand(String command) {
        if (currentChat == null) {
            output.say("[chat] no chat chosen: a command runs in the current chat; type /to NAME first");
            return;
        }
        Contact chat = currentChat;
        java.util.concurrent.atomic.AtomicInteger answers = new java.util.concurrent.atomic.AtomicInteger();
        bot.runCommand(command, chat, answer -> {
            answers.incrementAndGet();
            answer.lines().forEach(line -> output.say("  ← " + TerminalText.clean(line)));
        }).whenComplete((trace, failure) -> {
            if (failure != null) output.say("[chat] the command failed: " + TerminalText.clean(String.valueOf(failure.getMessage())));
            else if (answers.get() == 0) output.say("[chat] no plugin answered " + TerminalText.clean(command));
        });
    }

    private Optional<Contact> resolve(String name) {
        Optional<Contacts> contacts = contacts();
        if (contacts.isEmpty()) {
            output.say("[chat] not online yet");
            return Optional.empty();
        }
        NameResolver.Resolution resolution = new NameResolver(contacts.get()).resolve(name);
        if (resolution instanceof NameResolver.Found found) return Optional.of(found.contact());
        output.say("[chat] " + NameResolver.explain(resolution));
        return Optional.empty();
    }

    private void send(Contact chat, OutgoingFactory.Ready ready) {
        recent.read(chat, Instant.now());
        String to = TerminalText.clean(chat.displayName());
        Bot api = bot.bot();
        sends.execute(() -> {
            SendReceipt receipt;
            try {
                receipt = api.send(chat, ready.message());
            } catch (RuntimeException e) {
                receipt = new SendReceipt.Failed(FailureReason.REJECTED, 0, e.getMessage());
            }
            output.say(switch (receipt) {
                case SendReceipt.Sent sent -> "  → " + to + ": sent (" + ready.summary() + ")";
                case SendReceipt.Failed failed -> "  → " + to + ": not sent: " + failed.reason()
                        + (failed.detail().isEmpty() ? "" : " (" + TerminalText.clean(failed.detail()) + ")");
            });
        });
    }

    /** Called on the network thread: hands everything to the output and download threads at once. */
    private void incoming(MessageEvent event) {
        recent.incoming(event.chat(), event.envelope().time(), event.envelope().fromSelf());
        output.say(messageLine.render(event));
        if (event instanceof ImageMessage) Thread.ofVirtual().name("chat-media").start(() -> saveImage(event));
    }

    private void saveImage(MessageEvent event) {
        Path media = settings.dataDir().resolve(MEDIA_DIR);
        try {
            OwnerOnly.createDirectories(media);
        } catch (IOException e) {
            output.say("  ↳ image not saved: cannot create " + TerminalText.clean(media.toString()));
            return;
        }
        output.say(switch (bot.bot().download(event, media)) {
            case Result.Ok<Path> saved -> "  ↳ image saved: " + TerminalText.clean(String.valueOf(saved.value()));
            case Result.Failed<Path> failed -> "  ↳ image not saved: " + TerminalText.clean(failed.detail());
        });
    }

    private void listChats() {
        List<RecentChats.Entry> entries = recent.mostRecentFirst();
        if (entries.isEmpty()) {
            output.say("[chat] no chats yet");
            return;
        }
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        output.say("[chat] recent chats:");
        for (RecentChats.Entry entry : entries) {
            output.say("  " + Columns.fit(TerminalText.clean(entry.chat().displayName()), MessageLine.CHAT_COLUMNS)
                    + "  " + (entry.unread() == 0 ? "        " : String.format("%3d new ", entry.unread()))
                    + " " + clock.format(entry.last())
                    + (entry.chat().equals(currentChat) ? "  ← current" : ""));
        }
    }

    private void autoReply(Optional<Boolean> on) {
        ChatBot chat = bot;
        on.ifPresent(chat::autoReply);
        String state = "[chat] auto-reply is " + (chat.autoReply() ? "on" : "off");
        if (chat.autoReply() && chat.handlerCount() == 0) {
            state += ", but no plugin is loaded from " + TerminalText.clean(settings.pluginsDir().toString())
                    + ", so nothing will answer";
        }
        output.say(state);
    }

    private boolean askAutoReply() {
        output.say("[chat] auto-reply lets the plugins answer incoming messages, group messages too; /auto switches it later");
        try {
            String answer = reader.readLine("Auto-reply on? [y/N] ");
            return answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        }
    }

    private String prompt() {
        if (currentChat == null) return "> ";
        String name = TerminalText.clean(currentChat.displayName());
        return (Columns.width(name) > PROMPT_NAME_COLUMNS ? Columns.fit(name, PROMPT_NAME_COLUMNS) : name) + "> ";
    }

    private String ended(LoggedOut end, Throwable error) {
        if (error != null) return "[chat] the session failed: " + TerminalText.clean(String.valueOf(error.getMessage()));
        return "[chat] session ended: " + end.reason() + (end.code() == 0 ? "" : " (" + end.code() + ")")
                + "; type quit to leave";
    }

    private Optional<Contacts> contacts() {
        ChatBot chat = bot;
        return chat == null ? Optional.empty() : Optional.of(chat.bot().contacts());
    }

    private PrintStream loginStream() {
        return new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    }

    private Path historyFile() {
        Path file = settings.dataDir().resolve(HISTORY_FILE);
        PrivateFiles.create(file);
        return file;
    }

    /** Lets queued sends finish, so {@code ->Alice:bye} followed by {@code quit} still says goodbye. */
    private void drainSends() {
        sends.shutdown();
        try {
            if (!sends.awaitTermination(SEND_DRAIN_SECONDS, TimeUnit.SECONDS)) sends.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("[chat] could not save the history: " + TerminalText.clean(
                    String.valueOf(e.getMessage())));
        }
    }
}
