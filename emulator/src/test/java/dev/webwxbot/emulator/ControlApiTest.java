package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP phone under /__emulator/, usable from clients written in other languages. */
class ControlApiTest {

    @Test
    void controlApiDrivesLoginAndFriendMessagesOverHttp() {
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1)).start()) {
            WireClient client = new WireClient(emulator);
            JsonNode account = client.post("localhost", "/__emulator/accounts", "{\"NickName\":\"Bot\"}").json();
            String uin = account.path("Uin").asText();
            JsonNode friend = client.post("localhost", "/__emulator/accounts/" + uin + "/friends", "{\"NickName\":\"Alice\"}").json();
            assertTrue(friend.path("Id").asText().startsWith("wxid_"));

            String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
            assertEquals(uuid, client.get("localhost", "/__emulator/qr").json().path("uuid").asText());
            assertEquals(200, client.post("localhost", "/__emulator/accounts/" + uin + "/scan", "{}").status());
            assertTrue(WebLogin.poll(client, uuid).text().startsWith("window.code=201;"));
            assertEquals(200, client.post("localhost", "/__emulator/accounts/" + uin + "/confirm", "").status());
            String redirect = WebLogin.poll(client, uuid).text();
            var matcher = WebLogin.REDIRECT.matcher(redirect);
            assertTrue(matcher.find(), redirect);
            WebLogin login = WebLogin.fromPage("wx.qq.com",
                    client.get("wx.qq.com", WebLogin.pathAndQuery(matcher.group(1)) + "&fun=new&version=v2"));
            JsonNode init = login.init(client);

            assertEquals(200, client.post("localhost", "/__emulator/accounts/" + uin + "/contacts/"
                    + friend.path("Id").asText() + "/text", "{\"Text\":\"hello\"}").status());
            JsonNode message = login.sync(client, init.path("SyncKey")).json().path("AddMsgList").get(0);
            assertEquals("hello", message.path("Content").asText());

            JsonNode listed = client.get("localhost", "/__emulator/accounts").json();
            assertEquals(true, listed.get(0).path("Online").asBoolean());
            assertEquals(message.path("FromUserName").asText(), listed.get(0).path("Contacts").get(2).path("UserName").asText());
            assertEquals(0, client.get("localhost", "/__emulator/accounts/" + uin + "/sent").json().size());
            assertEquals(400, client.post("localhost", "/__emulator/accounts/123/confirm", "").status());
            assertEquals(404, client.get("localhost", "/__emulator/nothing").status());
        }
    }
}
