package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton end to end, as a client would drive it: jslogin → login polls (held, completed by the phone)
 * → newloginpage → init → statusnotify → getcontact → synccheck/sync receiving a friend's text → sendmsg recorded.
 */
class SkeletonFlowTest {

    @Test
    void friendsTextIsReceivedAndTheReplyIsRecorded() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofSeconds(1))
                .syncCheckHold(Duration.ofSeconds(1)).start()) {
            WireClient client = new WireClient(emulator);
            Account bot = emulator.addAccount("Bot");
            Contact alice = bot.addFriend("Alice");
            List<ConversationLine> lines = new CopyOnWriteArrayList<>();
            bot.onConversation(lines::add);

            // The client side: poll until 200, in its own thread, as a client library would.
            CompletableFuture<String> redirect = CompletableFuture.supplyAsync(() -> {
                String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
                for (int attempt = 0; attempt < 20; attempt++) {
                    String body = WebLogin.poll(client, uuid).text();
                    Matcher matcher = WebLogin.REDIRECT.matcher(body);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                throw new AssertionError("never confirmed");
            });
            // The phone side.
            String uuid = emulator.awaitQrUuid(Duration.ofSeconds(5));
            bot.phone().scan(uuid);
            bot.phone().confirm();
            String redirectUri = redirect.get(10, TimeUnit.SECONDS);

            WireClient.Response page = client.get(WebLogin.host(redirectUri), WebLogin.pathAndQuery(redirectUri) + "&fun=new&version=v2");
            WebLogin login = WebLogin.fromPage(WebLogin.host(redirectUri), page);
            JsonNode init = login.init(client);
            String self = init.path("User").path("UserName").asText();
            login.postJson(client, "webwxstatusnotify", "{\"BaseRequest\":" + login.baseRequest()
                    + ",\"Code\":3,\"FromUserName\":\"" + self + "\",\"ToUserName\":\"" + self + "\",\"ClientMsgId\":1}");
            JsonNode contacts = client.get(login.apiHost, WebLogin.CGI + "webwxgetcontact?seq=0&skey=" + login.skey,
                    "Cookie", login.cookieHeader()).json();
            String aliceName = SessionApiConformanceTest.find(contacts.path("MemberList"), alice.userName()).path("UserName").asText();
            bot.awaitOnline(Duration.ofSeconds(5));

            alice.sendText("hello");
            JsonNode syncKey = init.path("SyncKey");
            String received = null;
            for (int round = 0; round < 10 && received == null; round++) {
                String check = login.syncCheck(client, WebLogin.syncKeyString(syncKey)).text();
                assertTrue(check.startsWith("window.synccheck={retcode:\"0\""), check);
                if (check.endsWith("selector:\"0\"}")) {
                    continue;
                }
                JsonNode sync = login.sync(client, syncKey).json();
                syncKey = sync.path("SyncKey");
                for (JsonNode message : sync.path("AddMsgList")) {
                    if (message.path("MsgType").asInt() == 1 && message.path("FromUserName").asText().equals(aliceName)) {
                        received = message.path("Content").asText();
                    }
                }
            }
            assertEquals("hello", received);

            JsonNode sent = login.postJson(client, "webwxsendmsg", "{\"BaseRequest\":" + login.baseRequest()
                    + ",\"Msg\":{\"Type\":1,\"Content\":\"hi Alice\",\"FromUserName\":\"" + self + "\",\"ToUserName\":\""
                    + aliceName + "\",\"LocalID\":\"17000001234560417\",\"ClientMsgId\":\"17000001234560417\"},\"Scene\":0}").json();
            assertEquals(0, sent.path("BaseResponse").path("Ret").asInt());

            SentMessage recorded = bot.awaitSentMessage(Duration.ofSeconds(5));
            assertEquals("hi Alice", recorded.content());
            assertEquals("Alice", recorded.toNickName());
            assertEquals(sent.path("MsgID").asText(), recorded.msgId());
            assertEquals(List.of(
                    new ConversationLine(lines.get(0).time(), "Alice", "Bot", "hello", Direction.INCOMING),
                    new ConversationLine(lines.get(1).time(), "Bot", "Alice", "hi Alice", Direction.OUTGOING)), lines);
            assertEquals(lines, bot.conversation());

            List<String> paths = emulator.recordedRequests().stream().map(RecordedRequest::path).distinct().toList();
            assertTrue(paths.containsAll(List.of("/jslogin", "/cgi-bin/mmwebwx-bin/login", "/cgi-bin/mmwebwx-bin/webwxnewloginpage",
                    "/cgi-bin/mmwebwx-bin/webwxinit", "/cgi-bin/mmwebwx-bin/synccheck", "/cgi-bin/mmwebwx-bin/webwxsendmsg")), paths.toString());
            RecordedRequest first = emulator.takeRequest(Duration.ofSeconds(1));
            assertEquals("GET", first.method());
            assertEquals("login.wx.qq.com", first.host());
            assertEquals("/jslogin", first.path());
            assertEquals("wx782c26e4c19acffb", first.queryParam("appid"));
        }
    }
}
