package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lines of the terminal client that run a plugin's command, and the console's own commands they cannot hide. */
class ConsoleBotCommandTest {

    @Test
    void runTakesACommandWhateverThePrefix() {
        assertEquals(new ConsoleCommand.BotCommand("remind 10m tea"), ConsoleCommand.parse("/run remind 10m tea", "/"));
        assertEquals(new ConsoleCommand.BotCommand("help"), ConsoleCommand.parse("/run help", ""));
        assertEquals(new ConsoleCommand.Invalid("type /run COMMAND, e.g. /run help"), ConsoleCommand.parse("/run", "/"));
    }

    @Test
    void aLineWithThePrefixThatIsNoConsoleCommandRunsAsAPluginCommand() {
        assertEquals(new ConsoleCommand.BotCommand("remind 10m tea"), ConsoleCommand.parse("/remind 10m tea", "/"));
        assertEquals(new ConsoleCommand.BotCommand("remind 10m"), ConsoleCommand.parse("  #remind 10m", "#"));
        assertEquals(new ConsoleCommand.Invalid("unknown command /remind — type /help"),
                ConsoleCommand.parse("/remind 10m", "#"), "with another prefix, an unknown slash command stays a mistake");
    }

    @Test
    void theConsolesOwnCommandsKeepTheirMeaning() {
        assertEquals(new ConsoleCommand.Help(), ConsoleCommand.parse("/help", "/"));
        assertEquals(new ConsoleCommand.Invalid("type /to NAME"), ConsoleCommand.parse("/to", "/"));
        assertEquals(new ConsoleCommand.AutoReply(Optional.of(true)), ConsoleCommand.parse("/auto on", "/"));
        assertEquals(new ConsoleCommand.Plain("hello"), ConsoleCommand.parse("hello", ""), "no prefix: text is text");
    }
}
