package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static dev.webwxbot.emulator.SessionApiConformanceTest.fieldNames;
import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** synccheck and webwxsync (PROTOCOL.md 4.1–4.3, 9.1, 9.2, 10.1). */
class SyncConformanceTest {
    private static final Pattern SYNCCHECK = Pattern.compile("window\\.synccheck=\\{retcode:\"(\\d+)\",selector:\"(\\d+)\"\\}");
    private static final String IDLE = "window.synccheck={retcode:\"0\",selector:\"0\"}";
    private static final String NEW_MESSAGES = "window.synccheck={retcode:\"0\",selector:\"2\"}";
    private static final List<String> MESSAGE_FIELDS = List.of("MsgId", "FromUserName", "ToUserName", "MsgType", "Content",
            "Status", "ImgStatus", "CreateTime", "VoiceLength", "PlayLength", "FileName", "FileSize", "MediaId", "Url",
            "AppMsgType", "StatusNotifyCode", "StatusNotifyUserName", "RecommendInfo", "ForwardFlag", "AppInfo",
            "HasProductId", "Ticket", "ImgHeight", "ImgWidth", "SubMsgType", "NewMsgId", "OriContent", "EncryFileName");

    /** Longer than any test runs: a synccheck held this long is answered only by what the test does. */
    private static final Duration LONG_HOLD = Duration.ofMinutes(10);
    /** Patience for what happens at once; only a failing test waits this long. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private WebLogin login;
    private JsonNode initKey;

    @BeforeEach
    void start() {
        start(LONG_HOLD);
    }

    private void start(Duration syncCheckHold) {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(syncCheckHold).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
        initKey = login.init(client).path("SyncKey");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String syncCheckQuery(String syncKey) {
        return CGI + "synccheck?r=1&skey=" + URLEncoder.encode(login.skey, StandardCharsets.UTF_8) + "&sid="
                + URLEncoder.encode(login.sid, StandardCharsets.UTF_8) + "&uin=" + login.uin + "&deviceid=e1&synckey="
                + URLEncoder.encode(syncKey, StandardCharsets.UTF_8) + "&_=1";
    }

    @Test
    void synccheckWithoutCookiesAnswers1102() {
        WireClient.Response response = client.get("webpush.wx.qq.com", syncCheckQuery(WebLogin.syncKeyString(initKey)));
        assertEquals("window.synccheck={retcode:\"1102\",selector:\"0\"}", response.text());
    }

    @Test
    void synccheckWithCookiesOfAnotherSessionAnswers1102() {
        WireClient.Response response = client.get("webpush.wx.qq.com", syncCheckQuery(WebLogin.syncKeyString(initKey)),
                "Cookie", "wxuin=" + login.uin + "; wxsid=AAAAAAAAAAAAAAAA");
        assertEquals("window.synccheck={retcode:\"1102\",selector:\"0\"}", response.text());
    }

    @Test
    void synccheckIsHeldThenAnswersSelector0AsJavascriptWithCors() {
        stop();
        start(Duration.ofSeconds(1));
        long started = System.nanoTime();
        WireClient.Response response = login.syncCheck(client, WebLogin.syncKeyString(initKey));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(IDLE, response.text());
        assertTrue(SYNCCHECK.matcher(response.text()).matches());
        assertEquals("text/javascript", response.contentType());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        // A lower bound only: a loaded machine makes the answer later, never earlier.
        assertTrue(elapsedMillis >= 900, "answered after " + elapsedMillis + " ms, before the hold ended");
    }

    @Test
    void aFriendsMessageAnswersTheHeldSynccheckWithSelector2() throws Exception {
        CompletableFuture<WireClient.Response> held = syncCheckInTheBackground(WebLogin.syncKeyString(initKey));
        bot.awaitHeldSyncCheck(WAIT);

        alice.sendText("hello");

        // The hold outlasts the test: only the message can have answered it.
        assertEquals(NEW_MESSAGES, held.get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
    }

    @Test
    void synccheckBehindTheServerAnswersAtOnceAndAfterSyncItIsHeldAgain() throws Exception {
        alice.sendText("one");
        assertEquals(NEW_MESSAGES, login.syncCheck(client, WebLogin.syncKeyString(initKey)).text());
        JsonNode sync = login.sync(client, initKey).json();
        assertEquals(1, sync.path("AddMsgCount").asInt());
        CompletableFuture<WireClient.Response> held = syncCheckInTheBackground(WebLogin.syncKeyString(sync.path("SyncCheckKey")));
        bot.awaitHeldSyncCheck(WAIT);
        assertEquals(0, login.sync(client, sync.path("SyncKey")).json().path("AddMsgCount").asInt());
        assertFalse(held.isDone(), "caught up, so held");
        bot.phone().logoutWeb();
        assertEquals("window.synccheck={retcode:\"1100\",selector:\"0\"}", held.get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
    }

    @Test
    void synccheckWithoutSynckeyAnswersIdleWithoutHolding() {
        // With a hold longer than the client's patience, an answer at all shows it was not held.
        WireClient.Response response = client.get("webpush.wx.qq.com", CGI + "synccheck?r=1&skey=" + login.skey + "&sid="
                + URLEncoder.encode(login.sid, StandardCharsets.UTF_8) + "&uin=" + login.uin + "&syncKey=1_1", "Cookie", login.cookieHeader());
        assertEquals(IDLE, response.text());
    }

    /** Sends a synccheck from another thread, so the test can act while the emulator holds it. */
    private CompletableFuture<WireClient.Response> syncCheckInTheBackground(String syncKey) {
        return CompletableFuture.supplyAsync(() -> login.syncCheck(client, syncKey));
    }

    @Test
    void synccheckOnAnotherFamilysPushHostAnswers1100AndLegacyHostsOfTheFamilyWork() {
        String query = syncCheckQuery(WebLogin.syncKeyString(initKey));
        assertEquals("window.synccheck={retcode:\"1100\",selector:\"0\"}",
                client.get("webpush.wx2.qq.com", query, "Cookie", login.cookieHeader()).text());
        alice.sendText("x");
        assertEquals(NEW_MESSAGES, client.get("webpush2.wx.qq.com", query, "Cookie", login.cookieHeader()).text());
        assertEquals(NEW_MESSAGES, client.get("webpush.weixin.qq.com", query, "Cookie", login.cookieHeader()).text());
    }

    @Test
    void phoneLogoutAnswers1100() {
        bot.phone().logoutWeb();
        assertEquals("window.synccheck={retcode:\"1100\",selector:\"0\"}",
                login.syncCheck(client, WebLogin.syncKeyString(initKey)).text());
        assertEquals(1100, login.sync(client, initKey).json().path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void syncAnswersEveryFieldAndDeliversAFullTextMessage() {
        alice.sendText("a < b & c > d\nsecond \"line\"");
        WireClient.Response response = login.sync(client, initKey);
        assertEquals("text/plain", response.contentType());
        JsonNode sync = response.json();
        assertEquals(List.of("BaseResponse", "AddMsgCount", "AddMsgList", "ModContactCount", "ModContactList",
                "DelContactCount", "DelContactList", "ModChatRoomMemberCount", "ModChatRoomMemberList", "Profile",
                "ContinueFlag", "SyncKey", "SKey", "SyncCheckKey"), fieldNames(sync));
        assertEquals(0, sync.path("Profile").path("BitFlag").asInt());
        assertEquals("", sync.path("Profile").path("UserName").path("Buff").asText());
        assertEquals(0, sync.path("ContinueFlag").asInt());
        assertEquals("", sync.path("SKey").asText());
        assertEquals(sync.path("SyncKey"), sync.path("SyncCheckKey"));
        assertEquals(sync.path("SyncKey").path("List").size(), sync.path("SyncKey").path("Count").asInt());

        JsonNode message = sync.path("AddMsgList").get(0);
        assertEquals(MESSAGE_FIELDS, fieldNames(message));
        assertTrue(message.path("MsgId").isTextual());
        assertTrue(message.path("MsgId").asText().matches("\\d{19}"));
        assertTrue(message.path("NewMsgId").isIntegralNumber());
        assertEquals(message.path("MsgId").asText(), message.path("NewMsgId").bigIntegerValue().toString());
        assertTrue(message.path("FileSize").isTextual());
        assertEquals("", message.path("FileSize").asText());
        assertEquals(alice.userName(), message.path("FromUserName").asText());
        assertEquals(bot.userName(), message.path("ToUserName").asText());
        assertEquals(1, message.path("MsgType").asInt());
        assertEquals(3, message.path("Status").asInt());
        assertEquals(1, message.path("ImgStatus").asInt());
        assertEquals("a &lt; b &amp; c &gt; d<br/>second \"line\"", message.path("Content").asText());
        assertEquals(14, message.path("RecommendInfo").size());
        assertEquals("", message.path("AppInfo").path("AppID").asText());
        assertTrue(Math.abs(message.path("CreateTime").asLong() - System.currentTimeMillis() / 1000) <= 2);
    }

    @Test
    void groupMessagesFromMembersCarryTheSenderPrefix() {
        Contact bob = bot.addStranger("Bob");
        Contact group = bot.addGroup("Team", alice, bob);
        bob.sendTextIn(group, "hi all");
        JsonNode message = login.sync(client, initKey).json().path("AddMsgList").get(0);
        assertEquals(group.userName(), message.path("FromUserName").asText());
        assertTrue(group.userName().matches("@@[0-9a-f]{64}"));
        assertEquals(bob.userName() + ":<br/>hi all", message.path("Content").asText());
    }

    @Test
    void messagesFromThePhoneArriveAsSentBySelf() {
        bot.phone().sendText(alice, "from my phone");
        JsonNode message = login.sync(client, initKey).json().path("AddMsgList").get(0);
        assertEquals(bot.userName(), message.path("FromUserName").asText());
        assertEquals(alice.userName(), message.path("ToUserName").asText());
    }

    @Test
    void syncRefreshesCookiesLikeTheCapture() {
        WireClient.Response response = login.sync(client, initKey);
        List<String> cookies = response.setCookies();
        assertEquals(5, cookies.size(), cookies.toString());
        String loadTime = login.cookies.get("wxloadtime");
        assertTrue(cookies.get(0).startsWith("wxloadtime=" + loadTime + "_expired; Domain=wx.qq.com; Path=/; Expires="), cookies.get(0));
        // Secure only over TLS (this test speaks plain HTTP); the Domain stays, as the client named wx.qq.com.
        assertTrue(cookies.get(1).matches("wxpluginkey=\\d{10}; Domain=wx\\.qq\\.com; Path=/; Expires=[^;]*"), cookies.get(1));
        assertTrue(cookies.get(2).startsWith("wxuin=" + login.uin + "; Domain=wx.qq.com;"));
        assertTrue(cookies.get(3).startsWith("wxsid=" + login.sid + "; Domain=wx.qq.com;"));
        assertTrue(cookies.get(4).startsWith("webwx_data_ticket=" + login.cookies.get("webwx_data_ticket") + "; Domain=.qq.com;"));
    }

    @Test
    void syncAcceptsRrAsAStringAndAnswersRetMinus1ForAGarbageSyncKey() {
        JsonNode withStringRr = login.postJson(client, "webwxsync?sid=" + login.sid, "{\"BaseRequest\":" + login.baseRequest()
                + ",\"SyncKey\":" + initKey + ",\"rr\":\"1700000000\"}").json();
        assertEquals(0, withStringRr.path("BaseResponse").path("Ret").asInt());
        JsonNode garbage = login.postJson(client, "webwxsync", "{\"BaseRequest\":" + login.baseRequest()
                + ",\"SyncKey\":{\"Count\":1,\"List\":[{\"Key\":\"x\",\"Val\":\"y\"}]}}").json();
        assertEquals(-1, garbage.path("BaseResponse").path("Ret").asInt());
        assertEquals(0, garbage.path("SyncKey").path("Count").asInt());
        assertEquals(0, garbage.path("AddMsgList").size());
    }

    @Test
    void messagesQueuedBeforeInitAreDeliveredByTheFirstSync() {
        WebLogin second = WebLogin.perform(emulator, client, bot);
        alice.sendText("early");
        JsonNode secondKey = second.init(client).path("SyncKey");
        JsonNode sync = second.sync(client, secondKey).json();
        assertEquals(1, sync.path("AddMsgCount").asInt());
        assertEquals("early", sync.path("AddMsgList").get(0).path("Content").asText());
    }

    @Test
    void anAccountPinnedToOnePushHostAnswers1100OnTheOthers() {
        bot.setPushHost("webpush2.wx.qq.com");
        String query = syncCheckQuery(WebLogin.syncKeyString(initKey));
        assertEquals("window.synccheck={retcode:\"1100\",selector:\"0\"}",
                client.get("webpush.wx.qq.com", query, "Cookie", login.cookieHeader()).text());
        alice.sendText("pending");
        assertEquals(NEW_MESSAGES, client.get("webpush2.wx.qq.com", query, "Cookie", login.cookieHeader()).text());
    }
}
