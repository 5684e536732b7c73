package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lines of the terminal client that run a plugin's command, and the console's own commands they cannot hide. */
class ConsoleBotCommandTest {

    private static final java.util.Set<String> DECLARED = java.util.Set.of("help", "remind", "to");

    private static ConsoleCommand parse(String line, String prefix) {
        return ConsoleCommand.parse(line, prefix, DECLARED);
    }

    @Test
    void runTakesACommandWhateverThePrefix() {
        assertEquals(new ConsoleCommand.BotCommand("remind 10m tea"), parse("/run remind 10m tea", "/"));
        assertEquals(new ConsoleCommand.BotCommand("help"), parse("/run help", ""));
        assertEquals(new ConsoleCommand.Invalid("type /run COMMAND, e.g. /run help"), parse("/run", "/"));
    }

    @Test
    void aLineWithThePrefixThatIsNoConsoleCommandRunsAsAPluginCommand() {
        assertEquals(new ConsoleCommand.BotCommand("remind 10m tea"), parse("/remind 10m tea", "/"));
        assertEquals(new ConsoleCommand.BotCommand("remind 10m"), parse("  #remind 10m", "#"));
        assertEquals(new ConsoleCommand.Invalid("unknown command /remind — type /help"),
                parse("/remind 10m", "#"), "with another prefix, an unknown slash command stays a mistake");
    }

    @Test
    void aSlashLineNoPluginDeclaresStaysTheConsolesMistake() {
        assertEquals(new ConsoleCommand.Invalid("unknown command /nonsense — type /help"), parse("/nonsense", "/"));
    }

    @Test
    void theConsolesOwnCommandsKeepTheirMeaning() {
        assertEquals(new ConsoleCommand.Help(), parse("/help", "/"));
        assertEquals(new ConsoleCommand.Invalid("type /to NAME"), parse("/to", "/"));
        assertEquals(new ConsoleCommand.AutoReply(Optional.of(true)), parse("/auto on", "/"));
        assertEquals(new ConsoleCommand.Plain("hello"), parse("hello", ""), "no prefix: text is text");
    }
}
