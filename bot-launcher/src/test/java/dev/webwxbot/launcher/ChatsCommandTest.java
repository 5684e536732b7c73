package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webwx-bot chats ...} against a fake of the daemon's API: what it asks, and what it prints. */
class ChatsCommandTest {

    private static final String ALICE_PAUSED = """
            {"chat":{"id":"@abc","name":"Alice","remark":"","kind":"FRIEND"},"cause":"OWNER_WROTE",
             "since":"2026-03-02T09:00:00Z","until":"2026-03-02T09:10:00Z",
             "explanation":"the owner wrote in chat 'Alice' (@abc) from another device"}""";

    @TempDir
    Path dataDir;

    private FakeDaemonApi daemon;

    @BeforeEach
    void start() throws IOException {
        daemon = new FakeDaemonApi().announceIn(dataDir);
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private ApiCommandRun chats(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "chats";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = dataDir.toString();
        return ApiCommandRun.of(all);
    }

    @Test
    void pausedListsEachPausedChatWithItsCauseAndEnd() {
        daemon.answer("GET /api/v1/accounts/shop/chats/paused", 200, "{\"paused\":[" + ALICE_PAUSED + "]}");
        ApiCommandRun run = chats("paused", "--account", "shop");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("Alice (@abc)  OWNER_WROTE  until 2026-03-02T09:10:00Z  the owner wrote in chat 'Alice'"
                + " (@abc) from another device"), run.out().lines().toList());
        assertEquals("/api/v1/accounts/shop/chats/paused", daemon.onlyRequest().path());
    }

    @Test
    void withoutASubcommandItListsTheDefaultAccountsPausedChats() {
        daemon.answer("GET /api/v1/accounts/default/chats/paused", 200, "{\"paused\":[]}");
        ApiCommandRun run = ApiCommandRun.of("chats", "--data-dir", dataDir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("no chat of default is paused\n", run.out());
    }

    @Test
    void pauseSendsTheMinutesAndPrintsThePause() {
        daemon.answer("POST /api/v1/accounts/default/chats/Alice%20W/pause", 200, ALICE_PAUSED.replace(
                "OWNER_WROTE", "OPERATOR"));
        ApiCommandRun run = chats("pause", "Alice W", "--minutes", "10");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("{\"minutes\":10}"), daemon.requests().stream().map(FakeDaemonApi.Request::bodyText).toList());
        assertEquals("Alice (@abc)  OPERATOR  until 2026-03-02T09:10:00Z  the owner wrote in chat 'Alice' (@abc) from"
                + " another device\n", run.out());
    }

    @Test
    void resumeSaysWhetherTheChatWasPaused() {
        daemon.answer("POST /api/v1/accounts/default/chats/Alice/resume", 200,
                "{\"chat\":{\"id\":\"@abc\",\"name\":\"Alice\",\"remark\":\"\",\"kind\":\"FRIEND\"},\"resumed\":false}");
        ApiCommandRun run = chats("resume", "Alice");
        assertEquals(0, run.exit(), run.err());
        assertEquals("Alice (@abc) was not paused\n", run.out());
    }

    @Test
    void anUnknownChatIsTheDaemonsProblemOnStderr() {
        daemon.answer("POST /api/v1/accounts/default/chats/Nobody/resume", 404, """
                {"type":"https://webwx-bot.dev/problems/unknown-chat","title":"Not Found","status":404,
                 "detail":"no contact or group is called 'Nobody'","reason":"UNKNOWN_CHAT"}""");
        ApiCommandRun run = chats("resume", "Nobody");
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals(true, run.err().contains("no contact or group is called 'Nobody'"), run.err());
    }
}
