package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injected faults as a plain HTTP client sees them, and their log. */
class FaultInjectionConformanceTest {
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
                .syncCheckHold(Duration.ofSeconds(1)).start();
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
    void resetDropsTheConnectionMidAnswerOnceThenTheEndpointAnswersNormally() {
        emulator.faults().on("synccheck").times(1).reset();
        alice.sendText("pending");
        assertThrows(UncheckedIOException.class, () -> login.syncCheck(client, WebLogin.syncKeyString(syncKey)));
        assertEquals("2", selector(login.syncCheck(client, WebLogin.syncKeyString(syncKey))));
        List<FiredFault> fired = emulator.faults().fired("synccheck");
        assertEquals(1, fired.size());
        assertEquals(FaultKind.RESET, fired.getFirst().kind());
    }

    @Test
    void truncatedAnswerDeclaresTheWholeLengthButCarriesHalfTheBody() throws IOException {
        emulator.faults().on("jslogin").times(1).truncate();
        String raw = rawGet("login.wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh_CN", 5_000);
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(raw);
        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertTrue(length.find(), raw);
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        int declared = Integer.parseInt(length.group(1));
        assertEquals(declared / 2, body.getBytes(StandardCharsets.UTF_8).length, raw);
        assertEquals(FaultKind.TRUNCATED, emulator.faults().awaitFired(FaultKind.TRUNCATED, Duration.ofSeconds(1)).kind());
    }

    @Test
    void stallNeverAnswers() throws IOException {
        emulator.faults().on("jslogin").times(1).stall();
        assertThrows(SocketTimeoutException.class,
                () -> rawGet("login.wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb&fun=new", 1_500));
        assertEquals("stall", emulator.faults().fired().getFirst().kind().wireName());
        assertTrue(rawGet("login.wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb&fun=new", 5_000)
                .contains("window.QRLogin.code = 200;"), "the next request is answered");
    }

    @Test
    void unansweredHandlesTheSendButNeverAnswersIt() throws Exception {
        emulator.faults().on("webwxsendmsg").times(1).unanswered();
        var answer = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("taken")));
        assertEquals("taken", bot.awaitSentMessage(Duration.ofSeconds(10)).content(), "the server took the message");
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> answer.get(1, java.util.concurrent.TimeUnit.SECONDS), "but never answered");
        assertEquals("handled, never answered", emulator.faults().fired().getFirst().detail());
        answer.cancel(true);
    }

    @Test
    void delayAnswersNormallyButLater() {
        emulator.faults().on("webwxinit").times(1).delay(Duration.ofMillis(700));
        long start = System.nanoTime();
        JsonNode init = login.init(client);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(700).toNanos());
        assertEquals(0, init.path("BaseResponse").path("Ret").asInt());
        assertEquals("700 ms", emulator.faults().fired().getFirst().detail());
    }

    @Test
    void serverErrorAnswersTheStatusWithoutHandlingTheRequest() {
        emulator.faults().on("webwxsendmsg").times(1).serverError(503);
        WireClient.Response response = login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("hi"));
        assertEquals(503, response.status());
        assertTrue(bot.sentMessages().isEmpty(), "the message was not sent");
        assertEquals(0, login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("hi")).json()
                .path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void malformedAnswersGarbageWithStatus200() {
        emulator.faults().on("synccheck").times(1).malformed();
        alice.sendText("pending");
        WireClient.Response response = login.syncCheck(client, WebLogin.syncKeyString(syncKey));
        assertEquals(200, response.status());
        assertTrue(!SYNCCHECK.matcher(response.text()).find(), response.text());
    }

    @Test
    void duplicateDeliveryRepeatsTheMessagesOfOneSyncInTheNext() {
        emulator.faults().on("webwxsync").times(1).duplicateDelivery();
        alice.sendText("once");
        JsonNode first = login.sync(client, syncKey).json();
        assertEquals(1, first.path("AddMsgCount").asInt());
        String msgId = first.path("AddMsgList").get(0).path("MsgId").asText();
        String afterFirst = WebLogin.syncKeyString(first.path("SyncCheckKey"));
        assertEquals("2", selector(login.syncCheck(client, afterFirst)), "the repeat is announced at once");
        JsonNode second = login.sync(client, first.path("SyncKey")).json();
        assertEquals(List.of(msgId), msgIds(second));
        assertTrue(emulator.faults().fired().getFirst().detail().contains(msgId));
        JsonNode third = login.sync(client, second.path("SyncKey")).json();
        assertEquals(0, third.path("AddMsgCount").asInt(), "only one repeat");
    }

    @Test
    void stuckSelectorRepeatsUntilTheClientSyncs() {
        emulator.faults().on("synccheck").times(1).stuckSelector(3);
        String key = WebLogin.syncKeyString(syncKey);
        assertEquals("3", selector(login.syncCheck(client, key)));
        assertEquals("3", selector(login.syncCheck(client, key)), "still stuck: no webwxsync yet");
        JsonNode sync = login.sync(client, syncKey).json();
        assertEquals(0, sync.path("AddMsgCount").asInt());
        assertEquals("0", selector(login.syncCheck(client, WebLogin.syncKeyString(sync.path("SyncCheckKey")))),
                "after the sync the poll is held again and ends idle");
        assertEquals(1, emulator.faults().fired().size());
    }

    @Test
    void syncCheckKeyAheadMakesAPollWithTheSyncKeyReturnAtOnce() {
        emulator.faults().on("webwxsync").times(1).syncCheckKeyAhead();
        alice.sendText("x");
        JsonNode sync = login.sync(client, syncKey).json();
        long syncKey201 = key(sync.path("SyncKey"), 201);
        long checkKey201 = key(sync.path("SyncCheckKey"), 201);
        assertTrue(checkKey201 > syncKey201, sync.toString());
        assertEquals("2", selector(login.syncCheck(client, WebLogin.syncKeyString(sync.path("SyncKey")))),
                "a client presenting the SyncKey is told it is behind");
        assertEquals("0", selector(login.syncCheck(client, WebLogin.syncKeyString(sync.path("SyncCheckKey")))),
                "a client presenting the SyncCheckKey waits");
    }

    @Test
    void forcedLogoutCodesAnswerOnSynccheckAndWebwxsync() {
        emulator.faults().on("synccheck").times(1).logout(1102);
        emulator.faults().on("webwxsync").times(1).logout(1100);
        assertEquals("window.synccheck={retcode:\"1102\",selector:\"0\"}",
                login.syncCheck(client, WebLogin.syncKeyString(syncKey)).text());
        JsonNode sync = login.sync(client, syncKey).json();
        assertEquals(1100, sync.path("BaseResponse").path("Ret").asInt());
        assertEquals(0, sync.path("SyncKey").path("Count").asInt(), "the failed-sync skeleton");
    }

    @Test
    void forcedRetOnASendEndpointKeepsItsResponseShape() {
        emulator.faults().on("webwxsendmsg").times(1).ret(1205);
        JsonNode answer = login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("hi")).json();
        assertEquals(1205, answer.path("BaseResponse").path("Ret").asInt());
        assertEquals("", answer.path("MsgID").asText("missing"));
        assertTrue(bot.sentMessages().isEmpty());
    }

    @Test
    void bannedAnswers1203AtNewLoginPage() {
        emulator.faults().on("webwxnewloginpage").times(1).banned();
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        WireClient.Response page = client.get(WebLogin.host(redirect), WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2");
        assertEquals("1203", WebLogin.element(page.text(), "ret"));
        assertTrue(page.setCookies().isEmpty(), "no session cookies");
    }

    @Test
    void kickedEndsTheSessionAsAnotherLoginWould() {
        emulator.faults().on("synccheck").times(1).kicked();
        assertEquals("window.synccheck={retcode:\"1101\",selector:\"0\"}",
                login.syncCheck(client, WebLogin.syncKeyString(syncKey)).text());
        assertEquals(1101, login.sync(client, syncKey).json().path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void theSameSeedFaultsTheSameRequestsAndAnotherSeedOthers() {
        List<Integer> first = faultedJslogins(42);
        assertEquals(first, faultedJslogins(42));
        assertNotEquals(first, faultedJslogins(43));
        assertTrue(first.size() > 5 && first.size() < 35, first.toString());
    }

    private static List<Integer> faultedJslogins(long seed) {
        try (Emulator emu = Emulator.builder().seed(seed).start()) {
            emu.faults().on("jslogin").probability(0.5).serverError(502);
            WireClient wire = new WireClient(emu);
            List<Integer> faulted = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (wire.get("login.wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb&fun=new").status() == 502) {
                    faulted.add(i);
                }
            }
            assertEquals(faulted.size(), emu.faults().fired().size(), "every fault is logged");
            return faulted;
        }
    }

    @Test
    void controlApiAddsRulesAndListsFiredFaults() {
        JsonNode added = client.post("localhost", "/__emulator/faults",
                "{\"Endpoint\":\"webwxsendmsg\",\"Fault\":\"ret\",\"Code\":1205,\"Times\":1}").json();
        assertTrue(added.path("Rule").asLong() > 0, added.toString());
        assertEquals(400, client.post("localhost", "/__emulator/faults",
                "{\"Endpoint\":\"synccheck\",\"Fault\":\"logout\",\"Code\":42}").status());
        assertEquals(1205, login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("hi")).json()
                .path("BaseResponse").path("Ret").asInt());
        JsonNode state = client.get("localhost", "/__emulator/faults").json();
        assertEquals(7, state.path("Seed").asLong());
        assertEquals(0, state.path("Rules").size(), "the only rule is used up");
        JsonNode fired = state.path("Fired").get(0);
        assertEquals("webwxsendmsg", fired.path("Endpoint").asText());
        assertEquals("ret", fired.path("Fault").asText());
        assertEquals("code 1205", fired.path("Detail").asText());
        client.post("localhost", "/__emulator/faults", "{\"Endpoint\":\"*\",\"Fault\":\"server-error\"}");
        assertEquals(200, client.post("localhost", "/__emulator/faults/clear", "{}").status());
        assertEquals(0, login.postJson(client, "webwxsendmsg?lang=zh_CN", sendBody("hi")).json()
                .path("BaseResponse").path("Ret").asInt());
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

    private static long key(JsonNode syncKey, int key) {
        for (JsonNode pair : syncKey.path("List")) {
            if (pair.path("Key").asInt() == key) {
                return pair.path("Val").asLong();
            }
        }
        throw new AssertionError("no key " + key + " in " + syncKey);
    }

    private static List<String> msgIds(JsonNode sync) {
        List<String> ids = new ArrayList<>();
        sync.path("AddMsgList").forEach(m -> ids.add(m.path("MsgId").asText()));
        return ids;
    }

    /** One GET on a fresh socket; returns everything read until the server closes. */
    private String rawGet(String host, String pathAndQuery, int readTimeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
