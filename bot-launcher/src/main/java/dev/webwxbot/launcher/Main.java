package dev.webwxbot.launcher;

import com.typesafe.config.ConfigException;
import dev.webwxbot.launcher.chat.ChatCommand;
import dev.webwxbot.launcher.scaffold.InstallApiCommand;
import dev.webwxbot.launcher.scaffold.MvnCommand;
import dev.webwxbot.launcher.scaffold.NewPluginCommand;
import dev.webwxbot.launcher.soak.SoakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code webwx-bot} command. */
@Command(name = "webwx-bot", mixinStandardHelpOptions = true, version = "webwx-bot 0.1.0",
        description = "A plugin-based WeChat bot speaking the Web WeChat protocol.",
        subcommands = {RunCommand.class, DemoCommand.class, ChatCommand.class, EmulatorCommand.class,
                PluginsCommand.class, AccountsCommand.class, SendCommand.class, LogCommand.class,
                SoakCommand.class, NewPluginCommand.class, InstallApiCommand.class, MvnCommand.class})
public final class Main {

    /** Exit code for a mistake in the operator's configuration or options. */
    static final int CONFIGURATION_ERROR = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    // An operator's mistake gets one clear line, not a stack trace.
                    if (error instanceof IllegalArgumentException || error instanceof ConfigException) {
                        commandLine.getErr().println("webwx-bot: " + error.getMessage());
                        return CONFIGURATION_ERROR;
                    }
                    throw error;
                });
    }
}
