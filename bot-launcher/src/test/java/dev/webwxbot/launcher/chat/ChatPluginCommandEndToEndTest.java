package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.PluginJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal client runs a plugin's command: the real console with a plugin jar in its plugins folder, logged in
 * to the emulator; {@code /stock tea} (the plugin declares {@code stock}) and {@code /run help} run in the current
 * chat as the account's owner, and the plugin's answers are shown on the screen, not sent to the chat.
 */
class ChatPluginCommandEndToEndTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path plugins;

    private Emulator emulator;
    private Account account;

    @BeforeEach
    void world() throws Exception {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Me");
        account.addFriend("Alice");
        PluginJar.plugin("shop").handler("Shop", "return Outcome.CONTINUE;", """
                public java.util.List<Command> commands() {
                    return java.util.List.of(Command.named("stock").argument(Argument.rest("item"))
                            .describedAs("how much of something is left").role(Role.OWNER)
                            .runs((call, c) -> c.reply("3 left of " + call.text("item") + " (asked in "
                                    + call.chat().displayName() + ")")));
                }""").writeTo(plugins, "shop.jar");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aPluginsCommandRunsFromTheTerminalAndItsAnswerIsShownThere() throws Exception {
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir, plugins)) {
            console.awaitOutput("[chat] online as Me");
            console.type("/to Alice");
            int mark = console.mark();
            console.type("/stock tea");
            console.awaitOutputAfter(mark, "  ← 3 left of tea (asked in Alice)");

            mark = console.mark();
            console.type("/run help");
            String help = console.awaitOutputAfter(mark, "  ← /stock <item...> - how much of something is left");
            assertTrue(help.contains("  ← Commands you can use here:"), help);

            mark = console.mark();
            console.type("/run stock");
            console.awaitOutputAfter(mark, "  ← <item...> is missing. Usage: /stock <item...>");
            console.quit();
        }
        assertEquals(List.of(), account.sentMessages().stream().map(SentMessage::content).toList(),
                "the answers were shown, not sent to Alice");
    }
}
