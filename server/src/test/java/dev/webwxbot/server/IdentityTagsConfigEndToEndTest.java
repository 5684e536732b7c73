package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity tags as an operator runs them: {@code webwx-bot.identity-tags} turned on for a daemon's account, the
 * friends the emulator's status-notify list leaves without a permanent id get a tag in their remark name, the
 * contacts API lists each contact's identity ({@code tag:…} for them, {@code wxid:…} for the others), and after
 * {@code remove = true} and the next login the remark names are as they were.
 */
class IdentityTagsConfigEndToEndTest {

    private static final String TAGS_ON = """
            webwx-bot.accounts { shop { identity-tags { enabled = true, per-login = 5 } } }
            """;

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account shop;
    private Contact alice;
    private Contact bob;
    private BotServer server;
    private ApiCalls api;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        shop = emulator.addAccount("Shop");
        // The file helper and 19 friends fill the emulator's 20 recent chats: these get a wxid at login.
        for (int i = 1; i <= 19; i++) shop.addFriend("Pal " + i);
        alice = shop.addFriend("Alice");
        bob = shop.addFriend("Bob");
        bob.modify(null, "Boss");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), TAGS_ON);
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "shop", shop);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    @Test
    void theContactsApiListsTheTagsAndRemoveTakesThemOffAtTheNextLogin() throws Exception {
        Await.until(() -> alice.remarkName().startsWith("Alice #wb") && bob.remarkName().startsWith("Boss #wb"),
                () -> "both friends without a wxid tagged; remarks now '" + alice.remarkName() + "', '"
                        + bob.remarkName() + "'");
        String aliceTag = alice.remarkName().substring("Alice #".length());
        Map<String, String> identities = Await.value(() -> {
            Map<String, String> byName = friendIdentities();
            return byName.get("Alice").startsWith("tag:") && byName.get("Bob").startsWith("tag:")
                    ? java.util.Optional.of(byName) : java.util.Optional.empty();
        }, "the API listing the tags", Duration.ofSeconds(20));
        assertEquals("tag:" + aliceTag, identities.get("Alice"));
        assertEquals("tag:" + bob.remarkName().substring("Boss #".length()), identities.get("Bob"));
        assertTrue(identities.get("Pal 7").startsWith("wxid:"), "a friend with a permanent id keeps it: " + identities);

        server.reconfigure(config("webwx-bot.accounts { shop { identity-tags { remove = true } } }"));
        shop.phone().logoutWeb();
        DaemonFixture.awaitState(api, "shop", "LOGGED_OUT");
        api.post("/api/v1/accounts/shop/login", "");
        shop.phone().awaitPushPrompt(Duration.ofSeconds(20));
        shop.phone().confirm();
        DaemonFixture.awaitState(api, "shop", "ONLINE");
        Await.until(() -> alice.remarkName().isEmpty() && bob.remarkName().equals("Boss"),
                () -> "the tags removed; remarks now '" + alice.remarkName() + "', '" + bob.remarkName() + "'");
        // Each friend's change reaches the session in its own contact update: wait for both, not for Bob's alone.
        Await.until(() -> friendIdentities().get("Bob").equals("remark:Boss")
                && friendIdentities().get("Alice").equals("nick:Alice"), () -> {
                    try {
                        return "Bob known by his remark name and Alice by her nickname again: " + friendIdentities();
                    } catch (Exception e) {
                        return "the contacts API failed: " + e;
                    }
                });
    }

    /** The friends' identities as {@code GET /api/v1/accounts/shop/contacts?kind=friend} lists them, by nickname. */
    private Map<String, String> friendIdentities() throws Exception {
        Map<String, String> byName = new LinkedHashMap<>();
        for (JsonNode contact : api.json(api.get("/api/v1/accounts/shop/contacts?kind=friend")).get("contacts")) {
            byName.put(contact.get("name").asText(), contact.path("identity").asText());
        }
        return byName;
    }

    private static Config config(String extra) {
        return ConfigFactory.parseString(extra).withFallback(ConfigFactory.parseString(DaemonFixture.FAST))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }
}
