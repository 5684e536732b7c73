package dev.webwxbot.launcher.emulator;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The emulator's interactive console: the operator types as the world's people ({@code Alice: hello},
 * {@code @Team/Bob: @me hi}), revokes, sends friend requests and logs the phone out, while the emulator's own
 * lines print above the prompt. Acts only through the emulator's public API. Used by one thread ({@link #run()});
 * the caller owns the terminal.
 *
 * <pre>{@code
 * try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
 *     new EmulatorConsole(terminal, emulator, report, new SentLog()).run();
 * }
 * }</pre>
 */
public final class EmulatorConsole {

    static final List<String> HELP = List.of(
            "[console] NAME: TEXT               a friend writes to the account (Alice: hello)",
            "[console] @GROUP/MEMBER: TEXT      a member writes in a group; @me mentions the account (@Team/Bob: @me hi)",
            "[console] ACCOUNT/…                with several accounts, say whose contact (bot/Alice: hi)",
            "[console] revoke LAST | MSGID      the writer withdraws a message sent from here or by the chatter",
            "[console] request [ACCOUNT/]NAME GREETING   a stranger asks to be added (request Carol hello)",
            "[console] login [ACCOUNT]          the phone scans and confirms the QR code a client shows",
            "[console] logout [ACCOUNT]         the phone logs the web out: its web sessions end",
            "[console] accounts                 the accounts, contacts, ids and curl examples",
            "[console] help | quit              this list | stop the emulator",
            "[console] Tab completes commands and names; a name that cannot be typed is given by its id");
    private static final Pattern AT_ME = Pattern.compile("(?<!\\S)@me(?:\\s|$)");
    private static final Pattern LEADING_AT_ME = Pattern.compile("^(@me\\s+)+");

    private final Emulator emulator;
    private final WorldReport report;
    private final SentLog log;
    private final WorldNames names;
    private final LineReader reader;
    private final ConsoleLines lines;

    public EmulatorConsole(Terminal terminal, Emulator emulator, WorldReport report, SentLog log) {
        this.emulator = emulator;
        this.report = report;
        this.log = log;
        this.names = new WorldNames(emulator);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("webwx-bot-emulator")
                .parser(new ConsoleLines.LineParser())
                .completer(new ConsoleLines.NameCompleter(names::completions))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
        this.lines = new ConsoleLines(reader);
    }

    /** Whether the process's input and output are a terminal, where the console is on by default. */
    public static boolean interactiveTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            // Java 22+: a console exists even when redirected; isTerminal() tells. Java 21: null when redirected.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Where other code's lines go while the console runs (printed above the prompt). */
    public PrintStream output() {
        return lines.stream();
    }

    /** Reads and runs commands until {@code quit}, end of input, or Ctrl-C on an empty line. */
    public void run() {
        lines.say("[console] type as your contacts here; help lists the commands");
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine("emulator> ");
                } catch (UserInterruptException e) {
                    if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) return;
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                if (!handle(ConsoleCommand.parse(line))) return;
            }
        } finally {
            lines.close();
        }
    }

    /** Runs one command; false when it was {@code quit}. */
    boolean handle(ConsoleCommand command) {
        try {
            switch (command) {
                case ConsoleCommand.Quit quit -> {
                    lines.say("[console] bye");
                    return false;
                }
                case ConsoleCommand.Empty empty -> {
                }
                case ConsoleCommand.Help help -> HELP.forEach(lines::say);
                case ConsoleCommand.Accounts accounts -> report.lines().forEach(lines::say);
                case ConsoleCommand.Invalid invalid -> lines.say("[console] " + invalid.message());
                case ConsoleCommand.Say say -> say(say);
                case ConsoleCommand.Revoke revoke -> revoke(revoke.msgId());
                case ConsoleCommand.Request request -> withAccount(request.account(), account -> {
                    Contact stranger = account.receiveFriendRequest(request.nickName(), request.greeting());
                    lines.say("[console] " + WorldNames.label(stranger) + " asks " + WorldNames.label(account)
                            + " to be added: " + TerminalText.clean(request.greeting()));
                });
                case ConsoleCommand.Logout logout -> withAccount(logout.account(), account -> {
                    account.phone().logoutWeb();
                    lines.say("[console] the phone of " + WorldNames.label(account) + " logged the web out");
                });
                case ConsoleCommand.Login login -> withAccount(login.account(), this::login);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            lines.say("[console] refused: " + TerminalText.clean(String.valueOf(e.getMessage())));
        }
        return true;
    }

    private void say(ConsoleCommand.Say say) {
        if (say.group().isEmpty()) {
            switch (names.friend(say.account(), say.sender())) {
                case WorldNames.One<WorldNames.Friend>(WorldNames.Friend friend) -> {
                    String msgId = friend.contact().send(MessageBody.text(say.text()));
                    log.add(friend.contact(), Optional.empty(), msgId);
                    lines.say("[console] " + TerminalText.clean(friend.contact().nickName()) + " wrote MsgId " + msgId);
                }
                case WorldNames.Problem<WorldNames.Friend>(String message) -> lines.say("[console] " + message);
            }
            return;
        }
        switch (names.member(say.account(), say.group(), say.sender())) {
            case WorldNames.One<WorldNames.Member>(WorldNames.Member member) -> {
                String msgId = member.member().sendIn(member.group(), body(member.account(), say.text()));
                log.add(member.member(), Optional.of(member.group()), msgId);
                lines.say("[console] " + TerminalText.clean(member.member().nickName()) + " wrote MsgId " + msgId
                        + " in " + TerminalText.clean(member.group().nickName()));
            }
            case WorldNames.Problem<WorldNames.Member>(String message) -> lines.say("[console] " + message);
        }
    }

    /**
     * A group line: {@code @me} at the start becomes a mention of the account as the phone writes it ({@code @name}
     * and U+2005, PROTOCOL.md §9.6); elsewhere in the text it is written the same way in place.
     */
    static MessageBody body(Account account, String text) {
        String name = account.nickName();
        java.util.regex.Matcher leading = LEADING_AT_ME.matcher(text);
        List<String> mentioned = new ArrayList<>();
        String rest = text;
        if (leading.find()) {
            int count = leading.group().strip().split("\\s+").length;
            for (int i = 0; i < count; i++) mentioned.add(name);
            rest = text.substring(leading.end());
        }
        rest = AT_ME.matcher(rest).replaceAll(java.util.regex.Matcher.quoteReplacement("@" + name + "\u2005"));
        return mentioned.isEmpty() ? MessageBody.text(rest) : MessageBody.mention(rest, mentioned.toArray(String[]::new));
    }

    private void revoke(String msgId) {
        Optional<SentLog.Sent> sent = msgId.equals(ConsoleCommand.Revoke.LAST) ? log.last() : log.find(msgId);
        if (sent.isEmpty()) {
            lines.say(msgId.equals(ConsoleCommand.Revoke.LAST) ? "[console] nothing sent from here to revoke"
                    : "[console] no message " + TerminalText.clean(msgId) + " sent from here or by the chatter"
                    + " (the control API revokes any: docs/emulator.md)");
            return;
        }
        SentLog.Sent found = sent.get();
        found.writer().revoke(found.msgId());
        log.remove(found.msgId());
        lines.say("[console] " + TerminalText.clean(found.writer().nickName()) + " revoked MsgId " + found.msgId());
    }

    private void login(Account account) {
        String uuid;
        try {
            uuid = emulator.awaitQrUuid(Duration.ZERO);
        } catch (EmulatorTimeoutException e) {
            lines.say("[console] no QR code waiting: start a client first");
            return;
        }
        account.phone().scan(uuid);
        account.phone().confirm();
        lines.say("[console] the phone of " + WorldNames.label(account) + " scanned and confirmed QR code "
                + TerminalText.clean(uuid));
    }

    private void withAccount(String name, java.util.function.Consumer<Account> action) {
        switch (names.account(name)) {
            case WorldNames.One<Account>(Account account) -> action.accept(account);
            case WorldNames.Problem<Account>(String message) -> lines.say("[console] " + message);
        }
    }
}
