package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The variations real clients send (PROTOCOL.md 2.2, 2.3, 2.8, 2.9, 3.4, 5.1, 11.7; client-notes.md), each accepted
 * with every strict credential check on, so that tolerance never stands in for strictness: the same calls with a
 * wrong value are still refused. Each runs through both routes real clients take ({@link RoutedClient.Route}): the
 * WeChat host names with cookies sent by hand, and one loopback origin with the JDK's browser-like cookie jar, so
 * that the cookie checks see only what such a jar keeps (host-only cookies, {@code Secure} withheld over HTTP).
 */
class ClientVariationsConformanceTest {
    private static final Duration HOLD = Duration.ofSeconds(1);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BOUNDARY = "----WebKitFormBoundaryVariations01";

    private Emulator emulator;
    private RoutedClient client;
    private Account bot;
    private Contact alice;
    private Contact family;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().loginPollHold(HOLD).syncCheckHold(HOLD)
                .strictSkey(true).strictPassTicket(true).strictCookies(true).start();
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        family = bot.addGroup("Family", alice, bot.addFriend("Bob"));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** The official page sends Uin as a string to webwxinit and as a number afterwards; ItChat always a string (2.9). */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void uinAsAStringOrANumberAuthenticatesEveryJsonCallButAWrongUinOfEitherTypeIsRefused(RoutedClient.Route route) {
        client = route.open(emulator);
        WebLogin login = WebLogin.perform(client, bot);
        for (String uin : List.of(login.uin, "\"" + login.uin + "\"")) {
            String base = baseRequest(login, uin, "\"" + randomDeviceId() + "\"");
            JsonNode init = call(login, "webwxinit?r=-1&pass_ticket=" + login.doubleEncodedPassTicket(), base, "");
            assertEquals(0, ret(init), uin);
            String self = init.path("User").path("UserName").asText();
            assertEquals(0, ret(call(login, "webwxstatusnotify?lang=zh_CN&pass_ticket=" + login.passTicket, base,
                    ",\"Code\":3,\"FromUserName\":\"" + self + "\",\"ToUserName\":\"" + self + "\",\"ClientMsgId\":1")), uin);
            assertEquals(0, ret(call(login, "webwxgetcontact?r=1&seq=0&skey=" + login.skey, base, "")), uin);
            JsonNode batch = call(login, "webwxbatchgetcontact?type=ex&r=1", base,
                    ",\"Count\":1,\"List\":[{\"UserName\":\"" + family.userName() + "\",\"EncryChatRoomId\":\"\"}]");
            assertEquals(0, ret(batch), uin);
            assertEquals(1, batch.path("Count").asInt(), uin);
            assertEquals(0, ret(call(login, "webwxsync?sid=" + login.sid + "&skey=" + login.skey, base,
                    ",\"SyncKey\":" + init.path("SyncKey") + ",\"rr\":-1")), uin);
            assertEquals(0, ret(send(login, "?pass_ticket=" + login.passTicket, base, "uin " + uin.replace('"', '\''))), uin);
        }
        String wrong = Long.toString(Long.parseLong(login.uin) + 1);
        for (String uin : List.of(wrong, "\"" + wrong + "\"")) {
            assertEquals(1100, ret(call(login, "webwxinit?r=-1", baseRequest(login, uin, "\"e123456789012345\""), "")), uin);
        }
    }

    /** ItChat and itchat4j build the upload's own BaseRequest the same way, Uin as a string (2.9, 6.2). */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void uinAsAStringAuthenticatesAnUploadRequest(RoutedClient.Route route) {
        client = route.open(emulator);
        WebLogin login = WebLogin.perform(client, bot);
        JsonNode uploaded = upload(login, "\"" + login.uin + "\"");
        assertEquals(0, ret(uploaded), uploaded.toString());
        assertFalse(uploaded.path("MediaId").asText().isEmpty(), uploaded.toString());
        assertNotEquals(0, ret(upload(login, "\"" + (Long.parseLong(login.uin) + 1) + "\"")));
    }

    /**
     * Fresh random ids (official page, wechat4u), the pass_ticket (ItChat, itchat4j), a 13-digit timestamp (biezhi),
     * fewer than 15 digits (ItChat's repr of random()) or no DeviceID at all (ItChat-UOS): never validated, never
     * bound to the session (2.8, 2.9, 11.7); synccheck's {@code deviceid} likewise.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void anyDeviceIdOrNoneIsAcceptedInBaseRequestAndSynccheck(RoutedClient.Route route) {
        client = route.open(emulator);
        WebLogin login = WebLogin.perform(client, bot);
        List<String> deviceIds = List.of("\"" + randomDeviceId() + "\"", "\"" + randomDeviceId() + "\"",
                "\"" + login.passTicket + "\"", "\"e" + System.currentTimeMillis() + "\"", "\"e4357169243\"", "");
        JsonNode syncKey = null;
        for (String deviceId : deviceIds) {
            String base = baseRequest(login, login.uin, deviceId);
            JsonNode init = call(login, "webwxinit?r=-1&pass_ticket=" + login.doubleEncodedPassTicket(), base, "");
            assertEquals(0, ret(init), deviceId);
            syncKey = init.path("SyncKey");
            assertEquals(0, ret(call(login, "webwxsync?sid=" + login.sid + "&skey=" + login.skey, base,
                    ",\"SyncKey\":" + syncKey + ",\"rr\":-1")), deviceId);
            assertEquals(0, ret(send(login, "?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(), base,
                    "device " + deviceId.replace('"', '\''))), deviceId);
        }
        // The echoes of the sends above are waiting, so synccheck answers at once, whatever the deviceid.
        String keys = WebLogin.syncKeyString(syncKey);
        for (String deviceId : List.of("&deviceid=" + randomDeviceId(), "&deviceid=" + randomDeviceId(),
                "&deviceid=e4357169243", "")) {
            WireClient.Response check = client.get("webpush." + login.apiHost, CGI + "synccheck?r=1&skey="
                    + enc(login.skey) + "&sid=" + enc(login.sid) + "&uin=" + login.uin + deviceId + "&synckey="
                    + enc(keys) + "&_=1");
            assertTrue(check.text().startsWith("window.synccheck={retcode:\"0\",selector:\""), deviceId + ": " + check.text());
            assertFalse(check.text().contains("selector:\"0\""), check.text());
        }
    }

    /**
     * The official page, ItChat (without pass_ticket) and openwechat GET; WeixinBot POSTs {@code {}} with urllib's
     * form content type, wxBot POSTs {@code {}}, itchat4j POSTs its BaseRequest: the body is ignored (3.4).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void getContactByGetOrPostWithAnyBodyAnswersTheSameAddressBook(RoutedClient.Route route) {
        client = route.open(emulator);
        WebLogin login = WebLogin.perform(client, bot);
        String query = "webwxgetcontact?r=1&seq=0&skey=" + enc(login.skey);
        String withTicket = query + "&pass_ticket=" + login.doubleEncodedPassTicket();
        String itchat4jBody = "{\"BaseRequest\":" + baseRequest(login, "\"" + login.uin + "\"", "\"" + login.passTicket + "\"") + "}";
        List<WireClient.Response> answers = List.of(
                client.get(login.apiHost, CGI + withTicket),
                client.get(login.apiHost, CGI + query),
                client.post(login.apiHost, CGI + withTicket, "{}", "Content-Type", FORM, "ContentType",
                        "application/json; charset=UTF-8"),
                client.post(login.apiHost, CGI + withTicket, "{}", "Content-Type", "application/json"),
                client.post(login.apiHost, CGI + withTicket, itchat4jBody),
                client.post(login.apiHost, CGI + withTicket, ""),
                client.post(login.apiHost, CGI + withTicket, "not json"));
        Set<String> expected = null;
        for (WireClient.Response answer : answers) {
            JsonNode page = answer.json();
            assertEquals(0, ret(page), answer.text());
            Set<String> names = new HashSet<>();
            page.path("MemberList").forEach(contact -> names.add(contact.path("UserName").asText()));
            assertTrue(names.contains(alice.userName()) && names.contains("filehelper"), names.toString());
            if (expected == null) {
                expected = names;
            }
            assertEquals(expected, names);
        }
        // Still strict: the cookies missing (1102, 11.3) or a wrong skey (1100) are refused by GET and POST alike.
        RoutedClient cookieless = client.withoutCookies();
        assertEquals(1102, ret(cookieless.post(login.apiHost, CGI + withTicket, "{}").json()));
        assertEquals(1102, ret(cookieless.get(login.apiHost, CGI + withTicket).json()));
        String wrongSkey = "webwxgetcontact?r=1&seq=0&skey=%40crypt_00000000_0";
        assertEquals(1100, ret(client.get(login.apiHost, CGI + wrongSkey).json()));
    }

    /** The interceptor of the official page adds pass_ticket and lang; WeixinBot sends pass_ticket alone (5.1, 0.4). */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void sendMsgIsAcceptedWithOrWithoutItsQueryString(RoutedClient.Route route) {
        client = route.open(emulator);
        WebLogin login = WebLogin.perform(client, bot);
        String base = login.baseRequest();
        List<String> queries = List.of("?lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                "?pass_ticket=" + login.passTicket, "?lang=zh_CN", "?pass_ticket=undefined", "");
        Set<String> msgIds = new HashSet<>();
        for (String query : queries) {
            JsonNode answer = send(login, query, base, "query [" + query + "]");
            assertEquals(0, ret(answer), query);
            assertTrue(msgIds.add(answer.path("MsgID").asText()), query);
        }
        List<String> texts = bot.sentMessages().stream().map(SentMessage::content).toList();
        assertEquals(queries.stream().map(query -> "query [" + query + "]").toList(), texts);
        JsonNode bogus = send(login, "?lang=zh_CN&pass_ticket=bogus", base, "refused");
        assertEquals(1100, ret(bogus));
        assertEquals("", bogus.path("MsgID").asText());
        assertEquals(queries.size(), bot.sentMessages().size());
    }

    /** The official page GETs; wechat4u POSTs with the query; WeixinBot POSTs a urlencoded form and no query (2.2). */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void jsloginByGetOrByPostWithTheQueryOrAFormBodyIssuesAUuidThatLogsIn(RoutedClient.Route route) {
        client = route.open(emulator);
        String query = "appid=wx782c26e4c19acffb&fun=new&lang=en_US&_=" + System.currentTimeMillis();
        List<WireClient.Response> answers = List.of(
                client.get("login.weixin.qq.com", "/jslogin?" + query),
                client.post("login.weixin.qq.com", "/jslogin?" + query, ""),
                client.post("login.weixin.qq.com", "/jslogin", query, "Content-Type", FORM),
                client.post("login.weixin.qq.com", "/jslogin", query));
        Set<String> uuids = new HashSet<>();
        for (WireClient.Response answer : answers) {
            Matcher matcher = WebLogin.QR_LOGIN.matcher(answer.text());
            assertTrue(matcher.matches(), answer.text());
            assertEquals("200", matcher.group(1));
            assertTrue(uuids.add(matcher.group(2)), "a fresh uuid each time");
            String redirect = confirm(matcher.group(2));
            assertTrue(redirect.contains("&lang=en_US&"), "the lang of the query or form counts: " + redirect);
        }
    }

    /** A form body's redirect_uri with mod=desktop asks for desktop mode just as the query's does (2.6). */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void jsloginFormBodyRedirectUriWithModDesktopCountsAsDesktopMode(RoutedClient.Route route) {
        client = route.open(emulator);
        bot.setWebLoginBanned(true);
        String redirectUri = enc("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop");
        WireClient.Response answer = client.post("login.wx.qq.com", "/jslogin",
                "appid=wx782c26e4c19acffb&fun=new&lang=zh_CN&redirect_uri=" + redirectUri + "&_=1", "Content-Type", FORM);
        Matcher matcher = WebLogin.QR_LOGIN.matcher(answer.text());
        assertTrue(matcher.matches(), answer.text());
        String redirect = confirm(matcher.group(2));
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2",
                "client-version", "2.0.0", "extspam", "Go8FCIkFEokFCggwMDAwMDAwMRAGGvAESySibk50w5Wb3uTl2c2h64jVVrV7gNs06");
        assertTrue(page.text().startsWith("<error><ret>0</ret>"), page.text());
    }

    /**
     * The official page, openwechat and itchat4j GET the QR image, WeixinBot POSTs for it with a form body, some
     * clients show /l/ too; none of it changes the login: the poll is still held to 408, then 201 and 200 (2.3, 2.4).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void qrcodeFetchedBeforePollingLeavesTheLoginPollUndisturbed(RoutedClient.Route route) throws Exception {
        client = route.open(emulator);
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        List<WireClient.Response> images = List.of(
                client.get("login.weixin.qq.com", "/qrcode/" + uuid),
                client.get("login.weixin.qq.com", "/qrcode/" + uuid + "?t=webwx&_=" + System.currentTimeMillis()),
                client.post("login.weixin.qq.com", "/qrcode/" + uuid, "t=webwx&_=1546211298", "Content-Type", FORM));
        for (WireClient.Response image : images) {
            assertEquals(200, image.status());
            assertEquals("image/jpeg", image.contentType());
            assertEquals("https://login.weixin.qq.com/l/" + uuid,
                    LoginConformanceTest.decodeQr(ImageIO.read(new ByteArrayInputStream(image.body()))));
        }
        assertEquals(200, client.get("login.weixin.qq.com", "/l/" + uuid).status());
        assertEquals(uuid, emulator.awaitQrUuid(Duration.ofSeconds(1)), "still the newest unscanned uuid");

        long started = System.nanoTime();
        assertEquals("window.code=408;", WebLogin.poll(client, uuid).text());
        assertTrue(System.nanoTime() - started >= HOLD.toNanos() * 9 / 10, "the poll was held");
        bot.phone().scan(uuid);
        client.get("login.weixin.qq.com", "/qrcode/" + uuid);
        assertTrue(WebLogin.poll(client, uuid).text().startsWith("window.code=201;"));
        bot.phone().confirm();
        client.post("login.weixin.qq.com", "/qrcode/" + uuid, "t=webwx&_=1546211299", "Content-Type", FORM);
        Matcher redirect = WebLogin.REDIRECT.matcher(WebLogin.poll(client, uuid).text());
        assertTrue(redirect.find());
        assertTrue(redirect.group(1).contains("&uuid=" + uuid + "&"), redirect.group(1));
    }

    /**
     * statusnotify posted to the login host without the {@code /cgi-bin/mmwebwx-bin} prefix, a variation issue 14
     * reports; served there as on the API host. Moved here from LoopbackClientConformanceTest to run through both routes.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource
    void statusNotifyIsServedAtTheLoginHostWithoutTheCgiPrefix(RoutedClient.Route route) {
        client = route.open(emulator);
        WebLogin login = WebLogin.perform(client, bot);
        String self = call(login, "webwxinit?r=-1&lang=zh_CN&pass_ticket=" + login.doubleEncodedPassTicket(),
                login.baseRequest(), "").path("User").path("UserName").asText();
        String body = "{\"BaseRequest\":" + login.baseRequest() + ",\"Code\":3,\"FromUserName\":\"" + self
                + "\",\"ToUserName\":\"" + self + "\",\"ClientMsgId\":1}";
        WireClient.Response atLoginHost = client.post("login.wx.qq.com", "/webwxstatusnotify?lang=zh_CN&pass_ticket="
                + login.doubleEncodedPassTicket(), body, "Content-Type", "application/json");
        assertEquals(0, ret(atLoginHost.json()), atLoginHost.text());
        if (route == RoutedClient.Route.REAL_HOSTS) {
            // Only there: the API host keeps its one path. A loopback origin has no hosts to tell apart.
            assertEquals(404, client.withoutCookies().post("wx.qq.com", "/webwxstatusnotify", body).status());
        }
    }

    private String confirm(String uuid) {
        bot.phone().scan(uuid);
        assertTrue(WebLogin.poll(client, uuid).text().startsWith("window.code=201;"));
        bot.phone().confirm();
        Matcher redirect = WebLogin.REDIRECT.matcher(WebLogin.poll(client, uuid).text());
        assertTrue(redirect.find());
        return redirect.group(1);
    }

    /** {@code uin} and {@code deviceId} as JSON literals; an empty deviceId leaves the field out. */
    private static String baseRequest(WebLogin login, String uin, String deviceId) {
        return "{\"Uin\":" + uin + ",\"Sid\":\"" + login.sid + "\",\"Skey\":\"" + login.skey + "\""
                + (deviceId.isEmpty() ? "" : ",\"DeviceID\":" + deviceId) + "}";
    }

    private JsonNode call(WebLogin login, String endpointAndQuery, String baseRequest, String moreFields) {
        return client.post(login.apiHost, CGI + endpointAndQuery, "{\"BaseRequest\":" + baseRequest + moreFields + "}",
                "Content-Type", "application/json;charset=UTF-8").json();
    }

    private JsonNode send(WebLogin login, String query, String baseRequest, String text) {
        String localId = System.currentTimeMillis() + "0417";
        return call(login, "webwxsendmsg" + query, baseRequest, ",\"Msg\":{\"Type\":1,\"Content\":\"" + text
                + "\",\"FromUserName\":\"" + bot.userName() + "\",\"ToUserName\":\"" + alice.userName()
                + "\",\"LocalID\":\"" + localId + "\",\"ClientMsgId\":\"" + localId + "\"},\"Scene\":0");
    }

    private JsonNode upload(WebLogin login, String uin) {
        byte[] file = "hello, emulator".getBytes(StandardCharsets.UTF_8);
        String request = "{\"UploadType\":2,\"BaseRequest\":" + baseRequest(login, uin, "\"" + login.passTicket + "\"")
                + ",\"ClientMediaId\":1700000000123,\"TotalLen\":" + file.length + ",\"StartPos\":0,\"DataLen\":"
                + file.length + ",\"MediaType\":4,\"FromUserName\":\"" + bot.userName() + "\",\"ToUserName\":\""
                + alice.userName() + "\"}";
        // The form repeats a cookie: a loopback client reads it from its jar, so the jar must have kept it.
        String dataTicket = client.cookie("webwx_data_ticket");
        assertNotNull(dataTicket, client + " keeps no webwx_data_ticket");
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("name", "note.txt"),
                Map.entry("mediatype", "doc"), Map.entry("uploadmediarequest", request),
                Map.entry("webwx_data_ticket", dataTicket),
                Map.entry("pass_ticket", login.passTicket)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"note.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.postBytes("file." + login.apiHost, CGI + "webwxuploadmedia?f=json", out.toByteArray(),
                "Content-Type", "multipart/form-data; boundary=" + BOUNDARY).json();
    }

    /** {@code e} and 15 random digits, new for every request as the official page and wechat4u make them (2.8). */
    private static String randomDeviceId() {
        return "e" + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    private static int ret(JsonNode answer) {
        return answer.path("BaseResponse").path("Ret").asInt(Integer.MIN_VALUE);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
