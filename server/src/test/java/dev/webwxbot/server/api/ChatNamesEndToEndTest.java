package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon names chats two ways: the contacts search ({@code ?q=}) ranks as {@code Contacts.find} does, while a
 * chat named for a send, a lookup or anti-revoke must be named whole (its id, remark or name), so a part of a name
 * never reaches someone; and a send's media go as their kind.
 */
class ChatNamesEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private Contact aliceWong;
    private Contact zhangSan;
    private Contact hikers;
    private BotServer server;

    @BeforeEach
    void world() {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        aliceWong = phone.addFriend("Alice Wong");
        alice = phone.addFriend("Alice");
        zhangSan = phone.addFriend("张三");
        hikers = phone.addGroup("Weekend hikers", alice, zhangSan);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    private ApiCalls startDaemon(String extra) throws Exception {
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { main { } }\n" + extra);
        ApiCalls api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
        return api;
    }

    @Test
    void theContactsSearchRanksLikeFindWhileASendNeedsTheWholeName() throws Exception {
        ApiCalls api = startDaemon("");
        String contacts = "/api/v1/accounts/main/contacts";
        assertEquals(List.of(alice.userName(), aliceWong.userName()), ids(api, contacts + "?q=ali"),
                "the name it starts before the longer one");
        assertEquals(List.of(zhangSan.userName()), ids(api, contacts + "?q=zs&kind=friend"), "by pinyin");
        assertEquals(List.of(hikers.userName()), ids(api, contacts + "?q=weekend"));
        assertEquals(List.of(hikers.userName()), ids(api, contacts + "?q=" + hikers.userName()), "by id");

        assertEquals(alice.userName(), api.json(api.get(contacts + "/alice")).get("id").asText(),
                "a whole name, case ignored: Alice, not also Alice Wong");
        assertEquals(404, api.get(contacts + "/Ali").statusCode());

        HttpResponse<String> part = api.post("/api/v1/accounts/main/messages", "{\"to\":\"Ali\",\"text\":\"for whom?\"}");
        assertEquals(404, part.statusCode(), part.body());
        assertEquals("UNKNOWN_CHAT", api.json(part).get("reason").asText());
        HttpResponse<String> whole = api.post("/api/v1/accounts/main/messages", "{\"to\":\"alice\",\"text\":\"for Alice\"}");
        assertEquals(200, whole.statusCode(), whole.body());
        var sent = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(alice.userName(), sent.toUserName());
        assertEquals("for Alice", sent.content(), "the only send: 'Ali' reached no one");
    }

    @Test
    void aSendReachesAChatNamedByItsIdOrItsRemarkAndVideosAndStickersGoAsTheirKind() throws Exception {
        zhangSan.modify(null, "Boss"); // the account's remark for him, as the address book carries it at login
        ApiCalls api = startDaemon("");
        String messages = "/api/v1/accounts/main/messages";

        HttpResponse<String> byId = api.post(messages, "{\"to\":\"" + alice.userName() + "\",\"text\":\"by id\"}");
        assertEquals(200, byId.statusCode(), byId.body());
        var toAlice = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(alice.userName(), toAlice.toUserName());
        assertEquals("by id", toAlice.content());

        HttpResponse<String> byRemark = api.post(messages, "{\"to\":\"Boss\",\"text\":\"by remark\"}");
        assertEquals(200, byRemark.statusCode(), byRemark.body());
        var toBoss = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(zhangSan.userName(), toBoss.toUserName());
        assertEquals("by remark", toBoss.content());

        byte[] mp4 = new byte[9_000];
        for (int i = 0; i < mp4.length; i++) mp4[i] = (byte) (i * 7);
        Path clip = Files.write(dir.resolve("clip.mp4"), mp4);
        HttpResponse<String> video = api.postFile(messages, "Alice", "video", clip);
        assertEquals(200, video.statusCode(), video.body());
        var sentVideo = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(SentMessage.Kind.VIDEO, sentVideo.kind());
        assertEquals(mp4.length, sentVideo.media().size());

        byte[] gif = "GIF89a and a little picture".getBytes(StandardCharsets.US_ASCII);
        Path sticker = Files.write(dir.resolve("wave.gif"), gif);
        HttpResponse<String> emoticon = api.postFile(messages, "Boss", "emoticon", sticker);
        assertEquals(200, emoticon.statusCode(), emoticon.body());
        var sentSticker = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(SentMessage.Kind.EMOTICON, sentSticker.kind());
        assertEquals(zhangSan.userName(), sentSticker.toUserName());
    }

    @Test
    void antiRevokeNotifiesOnlyAChatNamedWhole() throws Exception {
        try (CapturedLogs logs = CapturedLogs.attach()) {
            startDaemon("webwx-bot.anti-revoke { enabled = true, notify = \"Ali\" }");
            String msgId = aliceWong.send(MessageBody.text("take this back"));
            Await.until(() -> server.messages().store().orElseThrow().byMsgId("main", msgId).isPresent(), "stored");
            aliceWong.revoke(msgId);
            Await.until(() -> logs.at(Level.WARN).stream().anyMatch(line -> line.endsWith("no chat named Ali")),
                    "anti-revoke finding no chat called exactly 'Ali'");
            assertTrue(phone.sentMessages().isEmpty(), "neither Alice nor Alice Wong was told: " + phone.sentMessages());
        }
    }

    private static List<String> ids(ApiCalls api, String path) throws Exception {
        HttpResponse<String> answer = api.get(path);
        assertEquals(200, answer.statusCode(), answer.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode contact : api.json(answer).get("contacts")) ids.add(contact.get("id").asText());
        return ids;
    }
}
