package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webwxbot.core.chain.CommandSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webwx-bot.commands.prefix}: "/" unless the operator writes another, checked like every key of the bot. */
class CommandPrefixConfigTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultPrefixIsASlashAndTheOperatorMayChooseHashOrNone() throws Exception {
        assertEquals(new CommandSettings("/"), BotServer.commandSettings(ServerConfig.load(Optional.empty())));
        assertEquals(new CommandSettings("#"), BotServer.commandSettings(load("webwx-bot.commands.prefix = \"#\"")));
        assertEquals(new CommandSettings(""), BotServer.commandSettings(load("webwx-bot.commands.prefix = \"\"")));
    }

    @Test
    void aMisspelledKeyOfTheBlockIsNamedWithTheKeyMeant() throws Exception {
        Path file = Files.writeString(dir.resolve("application.conf"), "webwx-bot.commands { prefx = \"#\" }\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ServerConfig.load(Optional.of(file)));
        assertEquals(List.of(file + ":1: webwx-bot.commands.prefx: unknown key; did you mean prefix?"), e.problems());
    }

    @Test
    void aPrefixWithSpacesAroundItIsRefusedNamingTheKey() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BotServer.commandSettings(load("webwx-bot.commands.prefix = \"/ \"")));
        assertEquals("webwx-bot.commands: the command prefix must not contain spaces around it: '/ '", e.getMessage());
    }

    private com.typesafe.config.Config load(String text) throws Exception {
        return ServerConfig.load(Optional.of(Files.writeString(dir.resolve("application.conf"), text)));
    }
}
