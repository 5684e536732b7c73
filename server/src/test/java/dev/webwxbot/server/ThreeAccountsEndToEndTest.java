package dev.webwxbot.server;

import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.attribute.PosixFilePermissions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One daemon, three accounts, each logged in by its own phone on the emulator, driven through the HTTP API by the
 * JDK's HTTP client as any program would: real sockets both ways, the real routes, the real sessions.
 */
class ThreeAccountsEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private final Map<String, Account> phones = new LinkedHashMap<>();
    private final Map<String, Contact> friends = new LinkedHashMap<>();
    private BotServer server;
    private DaemonFixture daemons;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        daemons = new DaemonFixture(emulator, dir);
        for (String id : List.of("one", "two", "three")) {
            Account phone = emulator.addAccount("Bot " + id);
            phones.put(id, phone);
            friends.put(id, phone.addFriend("Friend of " + id));
        }
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
    }

    @Test
    void threeAccountsLogInOnTheirOwnSendThroughTheApiAndOnePhoneLogoutLeavesTheOthersOnline() throws Exception {
        Path data = dir.resolve("data");
        server = daemons.start(data, "webwx-bot.accounts { one {}, two {}, three {} }");
        ApiCalls api = ApiCalls.from(data);
        scanAll(api);
        HttpResponse<String> cluster = api.get("/api/v1/cluster");
        assertEquals(404, cluster.statusCode(), "a daemon of its own is no cluster");
        assertTrue(cluster.body().contains("NOT_A_CLUSTER"), cluster.body());

        for (String id : phones.keySet()) {
            HttpResponse<String> sent = api.post("/api/v1/accounts/" + id + "/messages",
                    "{\"to\":\"Friend of " + id + "\",\"text\":\"hello from " + id + "\"}");
            assertEquals(200, sent.statusCode(), sent.body());
            JsonNode receipt = api.json(sent);
            assertEquals("sent", receipt.get("status").asText());
            SentMessage recorded = phones.get(id).awaitSentMessage(Duration.ofSeconds(10));
            assertEquals("hello from " + id, recorded.content());
            assertEquals(recorded.msgId(), receipt.get("msgId").asText(), "the receipt carries the server's MsgID");
            assertEquals(friends.get(id).userName(), recorded.toUserName());
        }

        Path image = DaemonFixture.picture(dir.resolve("cat.png"));
        Path report = Files.writeString(dir.resolve("report 2026.txt"), "numbers\n".repeat(1000));
        for (String id : phones.keySet()) {
            String friend = "Friend of " + id;
            HttpResponse<String> imageSent = api.postFile("/api/v1/accounts/" + id + "/messages", friend, "image", image);
            assertEquals(200, imageSent.statusCode(), imageSent.body());
            SentMessage recordedImage = phones.get(id).awaitSentMessage(Duration.ofSeconds(10));
            assertEquals(SentMessage.Kind.IMAGE, recordedImage.kind());
            assertEquals(Files.size(image), recordedImage.media().size());

            HttpResponse<String> fileSent = api.postFile("/api/v1/accounts/" + id + "/messages", friend, "file", report);
            assertEquals(200, fileSent.statusCode(), fileSent.body());
            SentMessage recordedFile = phones.get(id).awaitSentMessage(Duration.ofSeconds(10));
            assertEquals(SentMessage.Kind.FILE, recordedFile.kind());
            assertEquals("report 2026.txt", recordedFile.media().fileName(), "the uploaded file keeps its name");
            assertEquals(friends.get(id).userName(), recordedFile.toUserName());
        }
        try (var left = Files.walk(data.resolve("tmp"))) {
            assertEquals(List.of(data.resolve("tmp")), left.toList(), "uploads are removed once sent");
        }

        phones.get("two").phone().logoutWeb();
        DaemonFixture.awaitState(api, "two", "LOGGED_OUT");
        JsonNode two = api.json(api.get("/api/v1/accounts/two"));
        assertEquals("LOGGED_OUT_ON_PHONE", two.get("reason").asText());
        assertEquals("ONLINE", api.json(api.get("/api/v1/accounts/one")).get("state").asText());
        assertEquals("ONLINE", api.json(api.get("/api/v1/accounts/three")).get("state").asText());
        HttpResponse<String> afterLogout = api.post("/api/v1/accounts/one/messages",
                "{\"to\":\"Friend of one\",\"text\":\"still here\"}");
        assertEquals(200, afterLogout.statusCode(), afterLogout.body());
        assertEquals("still here", phones.get("one").awaitSentMessage(Duration.ofSeconds(10)).content());
        HttpResponse<String> refused = api.post("/api/v1/accounts/two/messages", "{\"to\":\"Friend of two\",\"text\":\"x\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("LOGGED_OUT", api.json(refused).get("reason").asText());
    }

    @Test
    void aWrongOrMissingTokenGets401WithoutDetailOnEveryRoute() throws Exception {
        Path data = dir.resolve("data");
        server = daemons.start(data, "webwx-bot.accounts { one {} }");
        ApiCalls api = ApiCalls.from(data);
        for (ApiCalls caller : List.of(api.withToken("wrong"), api.withToken(null))) {
            for (String path : List.of("/api/v1/accounts", "/api/v1/accounts/one", "/metrics", "/api/v1/openapi.yaml",
                    "/api/v1/no-such-route")) {
                HttpResponse<String> answer = caller.get(path);
                assertEquals(401, answer.statusCode(), path);
                assertEquals("Bearer", answer.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertFalse(answer.body().contains("one"), answer.body());
                assertTrue(answer.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS");
            }
            HttpResponse<String> post = caller.post("/api/v1/accounts/one/messages", "{\"to\":\"x\",\"text\":\"y\"}");
            assertEquals(401, post.statusCode());
        }
        assertEquals(200, api.get("/api/v1/accounts").statusCode());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("api-token"))), "the token file is the owner's only");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndTheTokenIsNeverLogged() throws Exception {
        Path data = dir.resolve("data");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            server = daemons.start(data, "webwx-bot.accounts { one {} }, webwx-bot.api.max-body = 2KiB");
            ApiCalls api = ApiCalls.from(data);
            HttpResponse<String> big = api.post("/api/v1/accounts/one/messages",
                    "{\"to\":\"x\",\"text\":\"" + "a".repeat(4096) + "\"}");
            assertEquals(413, big.statusCode(), big.body());
            assertEquals("application/problem+json", big.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("TOO_LARGE", api.json(big).get("reason").asText());
            assertEquals(200, api.get("/api/v1/accounts").statusCode(), "the API goes on");
            String token = Files.readString(data.resolve("api-token")).strip();
            assertFalse(logs.all().contains(token), "the token is never logged");
        }
    }

    /** Each account's QR code, read from the API, scanned by that account's phone. */
    void scanAll(ApiCalls api) throws Exception {
        for (String id : phones.keySet()) {
            String qr = DaemonFixture.awaitField(api, id, "qrUrl");
            String uuid = qr.substring(qr.lastIndexOf('/') + 1);
            HttpResponse<byte[]> png = api.getBytes("/api/v1/accounts/" + id + "/qr");
            assertEquals(200, png.statusCode());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
            phones.get(id).phone().scan(uuid);
            phones.get(id).phone().confirm();
        }
        for (String id : phones.keySet()) DaemonFixture.awaitState(api, id, "ONLINE");
    }

}
