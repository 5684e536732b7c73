package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Credentials are checked by default, with the codes of PROTOCOL.md 11.1 (1100 for a skey or pass_ticket that is
 * not the session's, 1102 without the session cookies), while what real clients vary stays accepted (2.9, 0.4,
 * 11.7); leniency only when asked.
 */
class CredentialsConformanceTest {
    private static final List<String> CALLS = List.of("webwxinit", "webwxsync", "webwxgetcontact", "webwxstatusnotify",
            "webwxbatchgetcontact");

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private WebLogin login;
    private JsonNode syncKey;

    private void start(Consumer<Emulator.Builder> settings) {
        Emulator.Builder builder = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofMillis(300));
        settings.accept(builder);
        emulator = builder.start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
        syncKey = login.init(client).path("SyncKey");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aWrongSkeyABogusPassTicketOrMissingCookiesAreRefusedByDefault() {
        start(builder -> { });
        String wrongSkey = login.baseRequest().replace(login.skey, "@crypt_00000000_00000000000000000000000000000000");
        for (String call : CALLS) {
            assertEquals(0, ret(call, login.baseRequest(), login.doubleEncodedPassTicket(), true), call);
            assertEquals(1100, ret(call, wrongSkey, login.doubleEncodedPassTicket(), true), call + " with a wrong skey");
            assertEquals(1100, ret(call, login.baseRequest(), "bm90LXRoZS10aWNrZXQ%253D", true), call + " with a bogus pass_ticket");
            assertEquals(1102, ret(call, login.baseRequest(), login.doubleEncodedPassTicket(), false), call + " without cookies");
        }
        String syncCheck = client.get("webpush." + login.apiHost, CGI + "synccheck?r=1&skey=%40crypt_0&sid="
                + URLEncoder.encode(login.sid, StandardCharsets.UTF_8) + "&uin=" + login.uin + "&deviceid=e123456789012345"
                + "&synckey=" + URLEncoder.encode(WebLogin.syncKeyString(syncKey), StandardCharsets.UTF_8),
                "Cookie", login.cookieHeader()).text();
        assertEquals("window.synccheck={retcode:\"1100\",selector:\"0\"}", syncCheck);
    }

    @Test
    void whatRealClientsVaryIsStillAcceptedWhenStrict() {
        start(builder -> { });
        String stringUin = login.baseRequest().replace("\"Uin\":" + login.uin, "\"Uin\":\"" + login.uin + "\"");
        String passTicketDevice = login.baseRequest().replace("e123456789012345", URLDecoder.decode(login.passTicket,
                StandardCharsets.UTF_8));
        String noDevice = login.baseRequest().replace(",\"DeviceID\":\"e123456789012345\"", "");
        for (String baseRequest : List.of(stringUin, passTicketDevice, noDevice)) {
            assertEquals(0, ret("webwxsync", baseRequest, login.doubleEncodedPassTicket(), true), baseRequest);
        }
        String ticket = login.passTicket;
        // Single- and double-encoded, decoded, "undefined", missing, and openwechat's literal parameter name.
        for (String variant : List.of(ticket, URLEncoder.encode(ticket, StandardCharsets.UTF_8),
                URLEncoder.encode(URLDecoder.decode(ticket, StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                "undefined", "", "pass_ticket")) {
            assertEquals(0, ret("webwxsync", login.baseRequest(), variant, true), variant);
        }
        // ItChat: webwxgetcontact by GET, skey in the query, no body.
        JsonNode page = client.get(login.apiHost, CGI + "webwxgetcontact?r=1&seq=0&skey="
                + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader()).json();
        assertEquals(0, page.path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void downloadsNeedTheCookiesButNeitherASkeyNorAPassTicket() {
        start(builder -> { });
        Contact alice = bot.contacts().stream().filter(c -> c.nickName().equals("Alice")).findFirst().orElseThrow();
        alice.send(MessageBody.file("a.txt", "abc".getBytes(StandardCharsets.UTF_8)));
        JsonNode file = login.sync(client, syncKey).json().path("AddMsgList").get(0);
        String path = CGI + "webwxgetmedia?sender=" + file.path("FromUserName").asText() + "&mediaid="
                + URLEncoder.encode(file.path("MediaId").asText(), StandardCharsets.UTF_8) + "&encryfilename="
                + file.path("EncryFileName").asText() + "&fromuser=" + login.uin + "&pass_ticket=undefined&webwx_data_ticket="
                + URLEncoder.encode(login.cookies.get("webwx_data_ticket"), StandardCharsets.UTF_8);
        assertEquals(200, client.get("file." + login.apiHost, path, "Cookie", login.cookieHeader()).status());
        assertEquals(404, client.get("file." + login.apiHost, path).status(), "without the session cookies");
    }

    @Test
    void leniencyIsOnlyWhatIsAskedFor() {
        start(Emulator.Builder::lenientCredentials);
        String wrongSkey = login.baseRequest().replace(login.skey, "@crypt_00000000_00000000000000000000000000000000");
        assertEquals(0, ret("webwxsync", wrongSkey, "bogus", false), "lenient: skey, pass_ticket and cookies unchecked");
        emulator.close();

        start(builder -> builder.strictCookies(false));
        String wrongSkeyHere = login.baseRequest().replace(login.skey, "@crypt_00000000_00000000000000000000000000000000");
        assertEquals(0, ret("webwxsync", login.baseRequest(), login.doubleEncodedPassTicket(), false));
        assertEquals(1100, ret("webwxsync", wrongSkeyHere, login.doubleEncodedPassTicket(), false), "the skey is still checked");
    }

    /** The Ret of a JSON call with {@code baseRequest}, the pass_ticket as given, with or without the cookies. */
    private int ret(String call, String baseRequest, String passTicket, boolean cookies) {
        String query = call + "?r=1&lang=zh_CN" + (passTicket.isEmpty() ? "" : "&pass_ticket=" + passTicket);
        String body = switch (call) {
            case "webwxsync" -> "{\"BaseRequest\":" + baseRequest + ",\"SyncKey\":" + syncKey + ",\"rr\":-1}";
            case "webwxstatusnotify" -> "{\"BaseRequest\":" + baseRequest + ",\"Code\":3,\"FromUserName\":\""
                    + bot.userName() + "\",\"ToUserName\":\"" + bot.userName() + "\",\"ClientMsgId\":1}";
            case "webwxbatchgetcontact" -> "{\"BaseRequest\":" + baseRequest + ",\"Count\":0,\"List\":[]}";
            default -> "{\"BaseRequest\":" + baseRequest + "}";
        };
        WireClient.Response response = cookies ? login.postJson(client, query, body)
                : client.post(login.apiHost, CGI + query, body, "Content-Type", "application/json;charset=UTF-8");
        return response.json().path("BaseResponse").path("Ret").asInt();
    }
}
