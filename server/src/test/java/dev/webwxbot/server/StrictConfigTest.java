package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown keys of the bot's own configuration are mistakes, named with file, line and the key meant. */
class StrictConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String text) throws Exception {
        Path file = write("application.conf", text);
        return assertThrows(InvalidConfigException.class, () -> ServerConfig.load(Optional.of(file))).problems();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private String file() {
        return dir.resolve("application.conf").toString();
    }

    @Test
    void aMisspelledKeyIsAnErrorNamingFileLineAndTheKeyMeant() throws Exception {
        List<String> problems = problems("""
                webwx-bot {
                  sever = "http://127.0.0.1:8080"
                }
                """);
        assertEquals(List.of(file() + ":2: webwx-bot.sever: unknown key; did you mean server?"), problems);
    }

    @Test
    void everyMistakeOfEveryNestedBlockIsReportedAtOnceInLineOrder() throws Exception {
        List<String> problems = problems("""
                webwx-bot {
                  anti-revoke = true
                  send { min-gapp = 2s, global-burst = 4 }
                  api { prot = 9000 }
                  store.retention.max-ag = 30d
                  chain.breaker.treshold = 3
                  timeouts { call = 10s, colour = blue }
                  webhooks = [ { url = "http://127.0.0.1:9000/hook", secrit = x } ]
                }
                """);
        assertEquals(List.of(
                file() + ":2: webwx-bot.anti-revoke: expecting: object with keys [chats, enabled, notify] but got: boolean",
                file() + ":3: webwx-bot.send.min-gapp: unknown key; did you mean min-gap?",
                file() + ":4: webwx-bot.api.prot: unknown key; did you mean port?",
                file() + ":5: webwx-bot.store.retention.max-ag: unknown key; did you mean max-age?",
                file() + ":6: webwx-bot.chain.breaker.treshold: unknown key; did you mean threshold?",
                file() + ":7: webwx-bot.timeouts.colour: unknown key; known keys here: call, login-poll, sync-check",
                file() + ":8: webwx-bot.webhooks.0.secrit: unknown key; did you mean secret?"), problems);
    }

    @Test
    void eachAccountBlockTakesOnlyWhatAnAccountMayOverrideCheckedAgainstTheBotWideBlocks() throws Exception {
        List<String> problems = problems("""
                webwx-bot.accounts {
                  shop { sned { global-per-minute = 10 } }
                  support {
                    send { global-burts = 2 }
                    api { enabled = true }
                    webhooks = [ { url = "http://127.0.0.1:9000/hook", evnets = [ "*" ] } ]
                  }
                }
                """);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(file() + ":2: webwx-bot.accounts.shop.sned: unknown key; did you mean send?", problems.get(0));
        assertEquals(file() + ":4: webwx-bot.accounts.support.send.global-burts: unknown key; did you mean global-burst?",
                problems.get(1));
        assertTrue(problems.get(2).startsWith(file() + ":5: webwx-bot.accounts.support.api: unknown key; known keys here: "
                + "desktop-mode, drain-time, identity-tags, max-download, permissions, safety, send, timeouts, webhooks"),
                problems.get(2));
        assertEquals(file() + ":6: webwx-bot.accounts.support.webhooks.0.evnets: unknown key; did you mean events?",
                problems.get(3));
    }

    @Test
    void theBotsKeysWrittenOutsideItsBlockOrAMisspelledBlockAreNamedButTheOperatorsOwnVariablesAreNot()
            throws Exception {
        List<String> problems = problems("""
                secrets { hook = "s3cret" }
                server = "http://127.0.0.1:8080"
                webwx-bto { lang = en_US }
                plugin.echo.enabled = false
                webwx-bot.webhooks = [ { url = "http://127.0.0.1:9000/hook", secret = ${secrets.hook} } ]
                """);
        assertEquals(List.of(
                file() + ":2: server: not a top-level key; did you mean webwx-bot.server? (the bot's settings go"
                        + " inside webwx-bot { ... })",
                file() + ":3: webwx-bto: unknown top-level key; did you mean webwx-bot?",
                file() + ":4: plugin: unknown top-level key; did you mean plugins?"), problems);
    }

    @Test
    void anUnknownKeyGivenAsASystemPropertyIsNamedToo() {
        System.setProperty("webwx-bot.langg", "en_US");
        ConfigFactory.invalidateCaches();
        try {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ServerConfig.load(Optional.empty()));
            assertEquals(List.of("system properties: webwx-bot.langg: unknown key; did you mean lang?"), e.problems());
        } finally {
            System.clearProperty("webwx-bot.langg");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void theMessageListsEveryProblemUnderOneHeadline() throws Exception {
        Path file = write("application.conf", "webwx-bot { sever = x, lnag = y }\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ServerConfig.load(Optional.of(file)));
        assertEquals("invalid configuration: 2 problem(s)\n"
                + "  " + file + ":1: webwx-bot.lnag: unknown key; did you mean lang?\n"
                + "  " + file + ":1: webwx-bot.sever: unknown key; did you mean server?", e.getMessage());
    }

    @Test
    void theShippedConfigurationFilesAreValid() {
        for (String name : List.of("application.conf", "demo.conf")) {
            ServerConfig.load(Optional.of(Path.of("../config", name)));
        }
    }

    @Test
    void everyKeyOfTheReferenceIsAccepted() throws Exception {
        String reference = ConfigFactory.defaultReference(getClass().getClassLoader()).getConfig(ServerConfig.ROOT)
                .root().render(com.typesafe.config.ConfigRenderOptions.concise());
        Path file = write("application.conf", "webwx-bot " + reference + "\n"
                + "webwx-bot.accounts { shop { send { min-gap = 2s }, timeouts { call = 5s }, drain-time = 1s,"
                + " desktop-mode = false, max-download = 1MiB, webhooks = [ { url = \"http://127.0.0.1:1/h\","
                + " secret = s, events = [\"*\"], name = n, max-age = 1h, backoff-base = 1s, backoff-cap = 1m,"
                + " timeout = 5s } ] } }");
        ServerConfig.load(Optional.of(file));
    }

    @Test
    void aMissingClosingBraceIsReportedAsSuchWithTheLineItWasOpenedOn() throws Exception {
        Path file = write("application.conf", """
                webwx-bot {
                  send {
                    min-gap = 2s

                  lang = en_US
                }
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ServerConfig.load(Optional.of(file)));
        assertEquals(List.of(file + ":1: the '{' opened here is never closed: a '}' is missing"), e.problems());
        assertFalse(e.getMessage().contains("parentheses"), e.getMessage());
    }

    @Test
    void aMissingBraceInAnIncludedRulesFileNamesThatFileAndTheRuleItOpened() throws Exception {
        Path rules = write("auto-reply.conf", """
                rules = [
                  { keyword = hi, reply = hello
                  { keyword = bye, reply = "see you" }
                ]
                """);
        Path file = write("application.conf", "plugins.auto-reply { include \"auto-reply.conf\" }\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ServerConfig.load(Optional.of(file)));
        assertEquals(List.of(rules + ":4: ']' cannot close the '{' opened on line 2: a '}' is missing before it"),
                e.problems());
    }

    @Test
    void permissionsNameGroupsFreelyButEachGroupsBlockAndEveryEntryIsChecked() throws Exception {
        Path good = write("application.conf", """
                webwx-bot.permissions {
                  owners = [ "wxid:wxid_abc" ]
                  groups { "Weekend hikers" { admins = [ "nick:Bob" ] }, "wxid:123@chatroom" { admins = [] } }
                }
                webwx-bot.accounts.shop.permissions.admins = [ "remark:Deputy" ]
                """);
        ServerConfig.load(Optional.of(good));

        assertEquals(List.of(file() + ":2: webwx-bot.permissions.admin: unknown key; did you mean admins?"), problems("""
                webwx-bot.permissions {
                  admin = [ "wxid:wxid_abc" ]
                }
                """));
        List<String> inGroup = problems("""
                webwx-bot.permissions {
                  groups { "Weekend hikers" { owners = [ "nick:Bob" ] } }
                }
                """);
        assertEquals(1, inGroup.size(), inGroup.toString());
        assertTrue(inGroup.getFirst().startsWith(file() + ":2: webwx-bot.permissions.groups.\"Weekend hikers\".owners:"),
                inGroup.toString());
    }
}
