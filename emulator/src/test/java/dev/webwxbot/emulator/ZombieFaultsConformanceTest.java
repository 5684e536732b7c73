package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zombie-session faults (frozen sync, stuck sync key, lost echoes) as a plain HTTP client sees them: the session
 * stays alive but delivers nothing, the account's messages wait, and webwxinit or a new login brings them all.
 */
class ZombieFaultsConformanceTest {
    private static final Pattern SYNCCHECK = Pattern.compile("window\\.synccheck=\\{retcode:\"(\\d+)\",selector:\"(\\d+)\"\\}");

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private WebLogin login;
    private JsonNode syncKey;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().seed(7).loginPollHold(Duration.ofSeconds(1))
                .syncCheckHold(Duration.ofMillis(500)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
        syncKey = login.init(client).path("SyncKey");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void frozenSyncHoldsMessagesBackUntilTheClientInitialisesAgain() {
        emulator.faults().on("synccheck").times(1).frozenSync();
        alice.sendText("one");
        String key = WebLogin.syncKeyString(syncKey);
        assertEquals("0", selector(login.syncCheck(client, key)), "nothing new, although a message waits");
        JsonNode sync = login.sync(client, syncKey).json();
        assertEquals(0, sync.path("BaseResponse").path("Ret").asInt());
        assertEquals(List.of(), texts(sync));
        assertEquals(syncKey, sync.path("SyncKey"), "the key does not move");
        alice.sendText("two");
        assertEquals("0", selector(login.syncCheck(client, key)));
        assertEquals(List.of(), texts(login.sync(client, syncKey).json()));
        assertEquals(FaultKind.FROZEN_SYNC, emulator.faults().fired().getFirst().kind());

        JsonNode again = login.init(client).path("SyncKey");
        assertEquals("2", selector(login.syncCheck(client, WebLogin.syncKeyString(again))));
        assertEquals(List.of("one", "two"), texts(login.sync(client, again).json()), "everything queued comes");
    }

    @Test
    void stuckSyncKeyAnnouncesNewsThatWebwxsyncNeverHandsOut() {
        emulator.faults().on("webwxsync").times(1).stuckSyncKey();
        alice.sendText("one");
        String key = WebLogin.syncKeyString(syncKey);
        assertEquals("2", selector(login.syncCheck(client, key)));
        JsonNode sync = login.sync(client, syncKey).json();
        assertEquals(List.of(), texts(sync));
        assertEquals(syncKey, sync.path("SyncKey"));
        assertEquals("2", selector(login.syncCheck(client, WebLogin.syncKeyString(sync.path("SyncCheckKey")))),
                "still news, at once");
        assertEquals(List.of(), texts(login.sync(client, sync.path("SyncKey")).json()));

        JsonNode again = login.init(client).path("SyncKey");
        assertEquals(List.of("one"), texts(login.sync(client, again).json()));
    }

    @Test
    void lostEchoesTakeTheSendButNeverEchoItUntilWebwxinit() {
        emulator.faults().on("webwxsendmsg").times(1).lostEchoes();
        JsonNode answer = login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("unechoed")).json();
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt());
        assertFalse(answer.path("MsgID").asText().isEmpty());
        assertEquals("unechoed", bot.awaitSentMessage(Duration.ofSeconds(5)).content(), "the server took it");
        alice.sendText("hello");
        JsonNode sync = login.sync(client, syncKey).json();
        assertEquals(List.of("hello"), texts(sync), "messages still come, the echo does not");

        login.init(client);
        login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("echoed"));
        assertEquals(List.of("echoed"), texts(login.sync(client, sync.path("SyncKey")).json()));
    }

    @Test
    void aNewLoginReceivesWhatTheFrozenSessionHeldBack() {
        emulator.faults().on("synccheck").times(1).frozenSync();
        assertEquals("0", selector(login.syncCheck(client, WebLogin.syncKeyString(syncKey))));
        alice.sendText("queued");
        WireClient fresh = new WireClient(emulator);
        WebLogin second = WebLogin.perform(emulator, fresh, bot);
        JsonNode key = second.init(fresh).path("SyncKey");
        JsonNode sync = second.sync(fresh, key).json();
        assertEquals(List.of("queued"), texts(sync));
        assertEquals(alice.userName(), sync.path("AddMsgList").get(0).path("FromUserName").asText(),
                "rendered with the new session's names");
        assertEquals("window.synccheck={retcode:\"1101\",selector:\"0\"}",
                login.syncCheck(client, WebLogin.syncKeyString(syncKey)).text(), "the old session was replaced");
    }

    @Test
    void controlApiAddsAZombieRule() {
        JsonNode added = client.post("localhost", "/__emulator/faults",
                "{\"Endpoint\":\"webwxsync\",\"Fault\":\"frozen-sync\",\"Times\":1}").json();
        assertTrue(added.path("Rule").asLong() > 0, added.toString());
        alice.sendText("held");
        assertEquals(List.of(), texts(login.sync(client, syncKey).json()));
        JsonNode fired = client.get("localhost", "/__emulator/faults").json().path("Fired").get(0);
        assertEquals("frozen-sync", fired.path("Fault").asText());
    }

    private String sendBody(String text) {
        return "{\"BaseRequest\":" + login.baseRequest() + ",\"Msg\":{\"Type\":1,\"Content\":\"" + text
                + "\",\"FromUserName\":\"" + bot.userName() + "\",\"ToUserName\":\"" + alice.userName()
                + "\",\"LocalID\":\"1\",\"ClientMsgId\":\"1\"},\"Scene\":0}";
    }

    private static String selector(WireClient.Response response) {
        Matcher matcher = SYNCCHECK.matcher(response.text());
        assertTrue(matcher.matches(), response.text());
        assertEquals("0", matcher.group(1), response.text());
        return matcher.group(2);
    }

    private static List<String> texts(JsonNode sync) {
        List<String> texts = new ArrayList<>();
        sync.path("AddMsgList").forEach(m -> {
            if (m.path("MsgType").asInt() == 1) texts.add(m.path("Content").asText());
        });
        return texts;
    }
}
