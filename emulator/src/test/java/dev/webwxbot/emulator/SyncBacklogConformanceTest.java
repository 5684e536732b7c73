package dev.webwxbot.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long backlog is handed out in rounds (PROTOCOL.md 11.4: {@code ContinueFlag} ≠ 0, the rest on the next round),
 * so a session that comes back to thousands of messages never gets them in one answer of tens of megabytes.
 */
class SyncBacklogConformanceTest {

    private static final int BACKLOG = 1_234;

    private Emulator emulator;
    private WireClient client;
    private WebLogin login;
    private Contact alice;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofMillis(300)).start();
        client = new WireClient(emulator);
        Account bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aBacklogComesInRoundsOfAtMost500WithContinueFlagUntilTheLastRound() {
        JsonNode key = login.init(client).path("SyncKey");
        for (int i = 1; i <= BACKLOG; i++) alice.sendText("backlog " + i);

        List<String> received = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        while (true) {
            JsonNode answer = login.sync(client, key).json();
            JsonNode messages = answer.path("AddMsgList");
            for (JsonNode message : messages) received.add(message.path("Content").asText());
            rounds.add(messages.size());
            flags.add(answer.path("ContinueFlag").asInt());
            key = answer.path("SyncKey");
            if (answer.path("ContinueFlag").asInt() == 0) break;
            if (rounds.size() > 10) throw new AssertionError("the backlog never ended: " + rounds);
        }

        assertEquals(List.of(500, 500, 234), rounds, "messages per round");
        assertEquals(List.of(1, 1, 0), flags, "ContinueFlag per round");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= BACKLOG; i++) expected.add("backlog " + i);
        assertEquals(expected, received, "every message once, in order");
        assertEquals(0, login.sync(client, key).json().path("AddMsgCount").asInt(), "nothing is left");
    }

    @Test
    void aClientThatIgnoresContinueFlagGetsTheRestAtItsNextSynccheck() {
        JsonNode key = login.init(client).path("SyncKey");
        for (int i = 1; i <= 600; i++) alice.sendText("backlog " + i);

        JsonNode first = login.sync(client, key).json();
        assertEquals(500, first.path("AddMsgCount").asInt());
        String check = login.syncCheck(client, WebLogin.syncKeyString(first.path("SyncKey"))).text();
        assertEquals("window.synccheck={retcode:\"0\",selector:\"2\"}", check, "the rest is announced at once");
        assertEquals(100, login.sync(client, first.path("SyncKey")).json().path("AddMsgCount").asInt());
    }
}
