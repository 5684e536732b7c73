package dev.webwxbot.launcher;

import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code webwx-bot demo}: the whole bot against an emulator in the same process, with the auto-reply plugin and
 * the rules of {@code config/demo.conf}. The emulated phone scans and confirms the QR code, friends and a group
 * member say something, and the conversation, the bot's replies included, is printed. The bot then keeps running
 * so the user can talk to it through the emulator's control API, until Ctrl-C (or at once with {@code --once}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bot against an in-process emulator: log in with the emulated phone, "
                + "have friends talk to the auto-reply plugin, print the conversation; Ctrl-C ends it.")
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

    @Mixin
    CommonOptions options;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "give up when the bot is not online this many seconds after start (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--once", description = "exit when the scripted conversation is over instead of running until Ctrl-C")
    boolean once;

    @Option(names = "--qr-colors", paramLabel = "auto|dark|light|ansi", defaultValue = "auto",
            completionCandidates = QrTerminal.Colors.Names.class,
            description = "how the login QR code is drawn; as for run (default: auto)")
    QrTerminal.Colors qrColors = QrTerminal.Colors.AUTO;

    private final PrintStream out = System.out;
    private final AtomicInteger printedLines = new AtomicInteger();

    @Override
    public Integer call() throws Exception {
        Path configFile = options.configFile("demo.conf");
        try (Emulator emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofSeconds(2)).syncCheckHold(Duration.ofSeconds(25)).start()) {
            Account account = emulator.addAccount("webwx-bot");
            Contact alice = account.addFriend("Alice");
            Contact bob = account.addFriend("Bob");
            Contact carol = account.addStranger("Carol");
            Contact hikers = account.addGroup("Weekend hikers", alice, carol);
            account.onConversation(this::print);
            out.println("[demo] emulator listening on " + emulator.baseUrl()
                    + "; every WeChat host (login.wx.qq.com, wx.qq.com, webpush.wx.qq.com, ...) is routed there");

            LauncherSettings settings = LauncherSettings.load(Optional.of(configFile))
                    .withServer(URI.create(emulator.baseUrl()));
            settings = options.pluginsDir == null ? settings : settings.withPluginsDir(options.pluginsDir);
            out.println("[demo] configuration: " + configFile);
            // Drawn as run draws it, so the demo shows what a real login looks like; nobody needs to scan this one.
            ProgressPrinter printer = new ProgressPrinter(new java.io.PrintWriter(out, true), true, "[login]", qrColors);
            try (BotRunner runner = new BotRunner(settings, OperatorConfig.load(Optional.of(configFile)), false,
                    progress -> {
                        printer.accept(progress);
                        if (progress instanceof LoginProgress.QrCode qr) {
                            out.println("[demo] no need to scan it: this QR code is the emulator's, and its emulated"
                                    + " phone scans it by itself (with the real WeChat you scan it with your phone)");
                            Thread.startVirtualThread(() -> scanAndConfirm(account, qr));
                        }
                    })) {
                List<String> plugins = runner.pluginNames();
                out.println("[demo] plugins from " + settings.pluginsDir() + ": " + (plugins.isEmpty() ? "none" : plugins));
                if (runner.handlerCount() == 0) {
                    out.println("[demo] no plugin handlers are active, so the bot will not answer;"
                            + " build the plugins with ./webwx-bot build");
                }
                runner.start().get(timeoutSeconds, TimeUnit.SECONDS);
                boolean answered = converse(account, () -> alice.sendText("Hello, bot! 👋"))
                        & converse(account, () -> bob.sendText("Where is my order #42?"))
                        & converse(account, () -> carol.sendIn(hikers, MessageBody.mention("help", "webwx-bot")))
                        & converse(account, () -> bob.sendText("what time is it?"));
                awaitPrinted(8);
                out.println(answered ? "[demo] the bot answered every message"
                        : "[demo] the bot did not answer (see the messages above)");
                if (once || !answered) {
                    return answered ? 0 : 1;
                }
                out.println("[demo] the bot keeps running. Talk to it as Alice, e.g.:");
                out.println("         curl -d '{\"Text\":\"order 7\"}' " + emulator.baseUrl() + "/__emulator/accounts/"
                        + account.uin() + "/contacts/" + alice.wxid() + "/text");
                out.println("[demo] Ctrl-C ends the demo");
                runner.ended().join();
                return 0;
            }
        } catch (CompletionException | java.util.concurrent.ExecutionException e) {
            out.println("[demo] failed: " + (e.getCause() == null ? e : e.getCause().getMessage()));
            return 1;
        }
    }

    /** What the phone's owner does: scan the code shown, then tap confirm. */
    private void scanAndConfirm(Account account, LoginProgress.QrCode qr) {
        try {
            Thread.sleep(300);
            out.println("[phone] " + account.nickName() + "'s phone scans the QR code");
            account.phone().scan(qr.uuid());
            Thread.sleep(300);
            out.println("[phone] the login is confirmed on the phone");
            account.phone().confirm();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("[phone] could not scan: " + e.getMessage());
        }
    }

    /** Someone says something; true when the bot answered within the timeout. */
    private boolean converse(Account account, Runnable say) {
        say.run();
        try {
            account.awaitSentMessage(REPLY_TIMEOUT);
            return true;
        } catch (EmulatorTimeoutException e) {
            out.println("[demo] no reply within " + REPLY_TIMEOUT.toSeconds() + " s");
            return false;
        }
    }

    /** Lines reach the console from the emulator's thread; wait for them so the summary comes last. */
    private void awaitPrinted(int lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (printedLines.get() < lines && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void print(ConversationLine line) {
        out.println(CLOCK.format(line.time()) + "  " + TerminalText.clean(line.from()) + " → "
                + TerminalText.clean(line.to()) + ": " + TerminalText.clean(line.text()));
        out.flush();
        printedLines.incrementAndGet();
    }
}
