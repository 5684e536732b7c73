package dev.webwxbot.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code webwx-bot} command. */
@Command(name = "webwx-bot", mixinStandardHelpOptions = true, version = "webwx-bot 0.1.0",
        description = "A plugin-based WeChat bot speaking the Web WeChat protocol.",
        subcommands = {RunCommand.class, DemoCommand.class, EmulatorCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }
}
