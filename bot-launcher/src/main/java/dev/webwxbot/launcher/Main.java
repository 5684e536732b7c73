package dev.webwxbot.launcher;

import com.typesafe.config.ConfigException;
import dev.webwxbot.launcher.bench.BenchCommand;
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
                PluginsCommand.class, AccountsCommand.class, ChatsCommand.class, LoginGuardCommand.class, SendCommand.class, LogCommand.class,
                ClusterCommand.class,
                SoakCommand.class, BenchCommand.class, NewPluginCommand.class, InstallApiCommand.class, MvnCommand.class,
                CompletionCommand.class,
                CheckoutCommands.Test.class, CheckoutCommands.Build.class, CheckoutCommands.Fuzz.class},
        footer = {"", "Exit codes: 0 done; 1 a failure; 2 a mistake in the configuration or the options; 3 run's session"
                + " ended by the server or the phone (a new scan is needed), or 'plugins' found no running bot; 4 the data"
                + " folder is in use by another bot; 5 run's login is held by the login-churn guard until the operator resets it"
                + " (webwx-bot login-guard reset); 130/143 stopped by SIGINT/SIGTERM (a clean stop)."})
public final class Main {

    /** Exit code for a mistake in the operator's configuration or options. */
    static final int CONFIGURATION_ERROR = 2;
    /** Exit code when run's login waits for the operator's reset of the login-churn guard. */
    static final int LOGIN_HELD = 5;
    /** Exit code when another bot holds the data folder ({@link DataDirLock}). */
    static final int DATA_DIR_IN_USE = 4;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    // An operator's mistake gets one clear line, not a stack trace.
                    if (error instanceof DataDirLock.InUseException inUse) {
                        commandLine.getErr().println("webwx-bot: " + inUse.getMessage());
                        return DATA_DIR_IN_USE;
                    }
                    if (error instanceof IllegalArgumentException || error instanceof ConfigException) {
                        commandLine.getErr().println("webwx-bot: " + error.getMessage());
                        return CONFIGURATION_ERROR;
                    }
                    throw error;
                });
    }
}
