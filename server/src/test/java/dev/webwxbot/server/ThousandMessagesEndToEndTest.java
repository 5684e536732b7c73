package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.testsupport.Await;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand messages of mixed kinds, sent by the emulator's friends and group members to a daemon's account, are
 * all kept, and full-text search through the HTTP API finds them again by Chinese and English words, by a file's
 * name, and narrowed to a chat and a kind.
 */
class ThousandMessagesEndToEndTest {

    private static final int COUNT = 1_000;

    @TempDir
    Path dir;

    private Emulator emulator;
    private BotServer server;

    @BeforeEach
    void start() {
        emulator = DaemonFixture.emulator();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    @Test
    void aThousandMessagesOfMixedKindsAreKeptAndFoundAgainByFullTextSearch() throws Exception {
        Account phone = emulator.addAccount("Bot");
        Contact alice = phone.addFriend("Alice");
        Contact bob = phone.addFriend("Bob");
        Contact team = phone.addGroup("Team", alice, bob);
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { shop { } }");
        ApiCalls api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "shop", phone);

        MessageStore store = server.messages().store().orElseThrow();
        long before = store.stats().messages(); // whatever the login itself left (none expected)
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String n = String.format("%04d", i);
            switch (i % 5) {
                case 0 -> alice.sendText("order " + n + " apples for the weekend");
                case 1 -> bob.sendText("订单" + n + "：周末要买苹果");
                case 2 -> alice.sendIn(team, MessageBody.text("team note " + n + " about the 会议"));
                case 3 -> bob.send(MessageBody.file("report-" + n + ".txt", ("report " + n).getBytes(StandardCharsets.UTF_8)));
                default -> alice.send(MessageBody.link("Link " + n, "a page worth reading", "https://example.com/" + n));
            }
            kinds.add(switch (i % 5) {
                case 3 -> "message.file";
                case 4 -> "message.link";
                default -> "message.text";
            });
        }
        Await.until(() -> store.stats().messages() >= before + COUNT,
                () -> COUNT + " messages kept, got " + (store.stats().messages() - before), Duration.ofSeconds(90));
        Thread.sleep(300); // a row beyond the thousand would be a message kept twice: give it the chance to show
        assertEquals(before + COUNT, store.stats().messages(), "every message kept, none twice");

        assertEquals(COUNT / 5, search(api, "q=" + encode("苹果")).size(), "Chinese words");
        assertEquals(COUNT / 5, search(api, "q=apples").size(), "English words");
        assertEquals(1, search(api, "q=" + encode("订单0421")).size(), "one Chinese message by its number");
        JsonNode file = search(api, "q=report-0843").get(0);
        assertEquals("message.file", file.get("kind").asText());
        assertEquals("Bob", file.get("sender").get("name").asText());
        assertEquals(COUNT / 5, search(api, "q=" + encode("会议") + "&chat=Team").size(), "narrowed to the group");
        assertEquals(0, search(api, "q=" + encode("会议") + "&chat=Alice").size());
        assertEquals(COUNT / 5, search(api, "kind=message.link").size(), "by kind");
        assertEquals(COUNT * 3 / 5, kinds.stream().filter("message.text"::equals).count());
    }

    private static List<JsonNode> search(ApiCalls api, String query) throws Exception {
        var answer = api.get("/api/v1/messages?account=shop&limit=1000&" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        List<JsonNode> found = new ArrayList<>();
        api.json(answer).get("messages").forEach(found::add);
        return found;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
