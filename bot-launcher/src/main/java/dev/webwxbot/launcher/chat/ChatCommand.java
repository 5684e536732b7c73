package dev.webwxbot.launcher.chat;

import dev.webwxbot.launcher.CommonOptions;
import dev.webwxbot.launcher.RecordOption;
import dev.webwxbot.launcher.LauncherSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code webwx-bot chat}: the terminal WeChat client, with the same login and options as {@code run}. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat from the terminal on the bot's own login (QR code, or the saved session resumed).",
                "In the console: ->NAME:TEXT, m->NAME:PATH, f->NAME:PATH, i->NAME:PATH, e->NAME:PATH, /to, /chats,"
                        + " /auto, /help, quit."})
public final class ChatCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Mixin
    RecordOption record;

    @Option(names = "--auto-reply", negatable = true,
            description = "let the plugins answer incoming messages (--no-auto-reply: do not); asked at start when neither is given")
    Boolean autoReply;

    @Override
    public Integer call() throws IOException {
        LauncherSettings settings = record.applyTo(options.settings());
        // The same session file as run's: one of them per data folder.
        dev.webwxbot.launcher.DataDirLock lock = dev.webwxbot.launcher.DataDirLock.acquire(settings.dataDir(), "chat");
        try {
            return chat(settings);
        } finally {
            lock.close();
        }
    }

    private int chat(LauncherSettings settings) throws IOException {
        dev.webwxbot.launcher.LogFiles.underDataDir(settings.dataDir());
        // The exec provider (stty) needs no native library, so the JDK prints no restricted-method warning over
        // the login screen; where it cannot work JLine falls back to a dumb terminal, which still chats.
        try (Terminal terminal = TerminalBuilder.builder().name("webwx-bot").system(true)
                .jni(false).jna(false).jansi(false).ffm(false).exec(true)
                .encoding(StandardCharsets.UTF_8).build()) {
            settings.server().ifPresent(server ->
                    terminal.writer().println("[chat] every WeChat host is routed to " + server));
            return new ChatConsole(terminal, settings, options.operatorConfig(), Optional.ofNullable(autoReply), ZoneId.systemDefault()).run();
        }
    }
}
