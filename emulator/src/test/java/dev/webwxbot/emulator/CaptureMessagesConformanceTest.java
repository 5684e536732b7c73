package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.webwxbot.emulator.CaptureShapes.assertSameShape;
import static dev.webwxbot.emulator.CaptureShapes.exchange;
import static dev.webwxbot.emulator.CaptureShapes.folder;
import static dev.webwxbot.emulator.CaptureShapes.load;
import static dev.webwxbot.emulator.CaptureShapes.serverShape;
import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Received messages and the non-JSON exchanges against the real captures in {@code testdata/corpus}: each
 * {@code AddMsgList} entry against the captured messages of its MsgType, the login host's and the media endpoints'
 * headers and bodies against {@code http/}, and the values a whole-session comparison found off.
 */
class CaptureMessagesConformanceTest {
    private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern ELEMENT = Pattern.compile("<(\\w+)>");

    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private Contact alice;
    private WebLogin login;
    private JsonNode syncKey;

    @BeforeEach
    void logIn() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofMillis(300)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        login = WebLogin.perform(emulator, client, bot);
        syncKey = login.init(client).path("SyncKey");
        sync();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void everyReceivedKindMatchesTheCapturedMessagesOfItsType() {
        String textId = alice.send(MessageBody.text("hello"));
        alice.send(MessageBody.image(PhoneMessagesConformanceTest.jpeg(300, 400)));
        alice.send(MessageBody.voice("ID3-voice".getBytes(StandardCharsets.US_ASCII), 2000));
        alice.send(MessageBody.video(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'}, 3));
        alice.send(MessageBody.card(bot.addOfficialAccount("News")));
        alice.send(MessageBody.emoticon(new byte[] {'G', 'I', 'F', '8', '9', 'a'}, 0, 0));
        alice.send(MessageBody.location("Somewhere", 31.2, 121.5));
        alice.send(MessageBody.link("Title", "About it", "http://t.cn/RrBhwLB"));
        alice.send(MessageBody.file("a.pdf", new byte[] {1, 2, 3}));
        alice.send(MessageBody.redPacketNotice());
        alice.revoke(textId);
        bot.receiveFriendRequest("Erin", "hi");
        List<JsonNode> received = new ArrayList<>();
        for (int round = 0; round < 5 && received.size() < 12; round++) {
            sync().path("AddMsgList").forEach(received::add);
        }
        assertEquals(12, received.size(), received.toString());

        List<JsonNode> captured = folder("addmsg").stream().filter(m -> m.has("NewMsgId") && m.has("MsgType"))
                .map(CaptureShapes::serverShape).toList();
        for (JsonNode message : received) {
            int type = message.path("MsgType").asInt();
            List<JsonNode> sameType = captured.stream().filter(m -> m.path("MsgType").asInt() == type).toList();
            assertSameShape("MsgType " + type, sameType, List.of(message));
        }
    }

    @Test
    void messageValuesFollowTheCaptures() {
        alice.send(MessageBody.image(PhoneMessagesConformanceTest.jpeg(300, 400)));
        JsonNode image = only();
        // addmsg/itchat4j-readme-type3: ImgWidth/ImgHeight 90×120 = cdnthumbwidth/cdnthumbheight.
        assertEquals(90, image.path("ImgWidth").asInt());
        assertEquals(120, image.path("ImgHeight").asInt());
        assertEquals("90", attribute(image, "cdnthumbwidth"));
        assertEquals("120", attribute(image, "cdnthumbheight"));

        alice.send(MessageBody.emoticon(new byte[] {'G', 'I', 'F', '8', '9', 'a'}, 0, 0));
        JsonNode sticker = only();
        // addmsg/qjesus-webwxsync-0-type47, wwdk-receive-type47: never a 0 size.
        assertTrue(sticker.path("ImgWidth").asInt() > 0 && sticker.path("ImgHeight").asInt() > 0, sticker.toString());
        assertNotEquals("0", attribute(sticker, "width"));
        assertNotEquals("0", attribute(sticker, "height"));

        alice.send(MessageBody.redPacketNotice());
        assertEquals(3, only().path("Status").asInt(), "addmsg/unresolved-8576586035-type10000-hongbao");

        String revoked = alice.send(MessageBody.text("oops"));
        only();
        alice.revoke(revoked);
        JsonNode revoke = only();
        String oldMsgId = element(revoke, "oldmsgid");
        // addmsg/unresolved-38174924037-type10002: ten digits, neither the notice's id nor the revoked one.
        assertTrue(oldMsgId.matches("[1-9]\\d{9}"), oldMsgId);
        assertEquals(revoked, element(revoke, "msgid"));
        long noticeId = Long.parseLong(revoke.path("MsgId").asText());
        assertNotEquals(Long.toString(Math.floorMod(noticeId, 4_000_000_000L)), oldMsgId);
        assertNotEquals(Long.toString(Math.floorMod(Long.parseLong(revoked), 4_000_000_000L)), oldMsgId);

        alice.send(MessageBody.link("Title", "About it", "http://t.cn/RrBhwLB"));
        JsonNode link = only();
        // addmsg/hellokaton-wechat-api-enums-MsgType-type49-app5: the same elements in the same order.
        assertEquals(elements(load("addmsg/hellokaton-wechat-api-enums-MsgType-type49-app5.json")), elements(link));
    }

    @Test
    void loginExchangesMatchTheCapturedHeadersAndBodies() {
        WireClient.Response jslogin = client.get("login.wx.qq.com",
                "/jslogin?appid=wx782c26e4c19acffb&redirect_uri=https%3A%2F%2Fwx.qq.com%2Fcgi-bin%2Fmmwebwx-bin%2F"
                        + "webwxnewloginpage&fun=new&lang=zh_CN&_=1546211467000");
        JsonNode capture = exchange("qjesus-01-jslogin.json").path("response");
        assertEquals(headerValues(capture, "Content-Type"), jslogin.headers().allValues("Content-Type"));
        assertEquals(headerValues(capture, "Cache-Control"), jslogin.headers().allValues("Cache-Control"));
        assertTrue(jslogin.text().matches("window\\.QRLogin\\.code = 200; window\\.QRLogin\\.uuid = \"\\S+\";"));

        String uuid = jslogin.text().replaceAll(".*uuid = \"(\\S+)\";", "$1");
        WireClient.Response qr = client.get("login.weixin.qq.com", "/qrcode/" + uuid);
        assertEquals(headerValues(exchange("qjesus-02-qrcode.json").path("response"), "Content-Type"),
                qr.headers().allValues("Content-Type"));
        WireClient.Response poll = WebLogin.poll(client, uuid);
        assertEquals(exchange("qjesus-03-login.json").path("response").path("body").asText(), poll.text());
        assertEquals(headerValues(exchange("qjesus-03-login.json").path("response"), "Content-Type"),
                poll.headers().allValues("Content-Type"));
    }

    @Test
    void syncCheckAndMediaAnswersCarryTheCapturedHeaders() {
        WireClient.Response check = login.syncCheck(client, WebLogin.syncKeyString(syncKey));
        JsonNode captured = exchange("qjesus-14-synccheck.json").path("response");
        assertEquals(headerValues(captured, "Content-Type"), check.headers().allValues("Content-Type"));
        assertEquals(headerValues(captured, "Access-Control-Allow-Origin"),
                check.headers().allValues("Access-Control-Allow-Origin"));
        assertTrue(check.text().matches("window\\.synccheck=\\{retcode:\"0\",selector:\"\\d\"}"), check.text());

        alice.send(MessageBody.image(PhoneMessagesConformanceTest.jpeg(30, 40)));
        String msgId = only().path("MsgId").asText();
        WireClient.Response image = client.get(login.apiHost, CGI + "webwxgetmsgimg?&MsgID=" + msgId + "&skey="
                + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader());
        JsonNode imageCapture = exchange("qjesus-16-webwxgetmsgimg.json").path("response");
        for (String name : List.of("Content-Type", "Cache-control")) {
            assertEquals(headerValues(imageCapture, name), image.headers().allValues(name), name);
        }
    }

    @Test
    void newLoginPageAvatarVideoAndUploadMatchTheirCaptures() throws Exception {
        Account other = emulator.addAccount("Other");
        String redirect = WebLogin.confirmedRedirect(emulator, client, other, "");
        WireClient.Response page = client.get(WebLogin.host(redirect), WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2");
        JsonNode pageCapture = exchange("qjesus-06-webwxnewloginpage.json").path("response");
        assertEquals(tags(pageCapture.path("body").asText()), tags(page.text()));
        assertEquals(headerValues(pageCapture, "Content-Type"), page.headers().allValues("Content-Type"));
        assertEquals(cookieNames(headerValues(pageCapture, "Set-Cookie")), cookieNames(page.setCookies()));

        WireClient.Response icon = client.get(login.apiHost, CGI + "webwxgeticon?seq=0&username=" + alice.userName()
                + "&skey=" + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader());
        JsonNode iconCapture = exchange("qjesus-09-webwxgeticon.json").path("response");
        for (String name : List.of("Content-Type", "Cache-control")) {
            assertEquals(headerValues(iconCapture, name), icon.headers().allValues(name), name);
        }

        alice.send(MessageBody.video(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 3));
        WireClient.Response video = client.get(login.apiHost, CGI + "webwxgetvideo?msgid=" + only().path("MsgId").asText()
                + "&skey=" + URLEncoder.encode(login.skey, StandardCharsets.UTF_8), "Cookie", login.cookieHeader(),
                "Range", "bytes=0-");
        JsonNode videoCapture = exchange("qjesus-18-webwxgetvideo.json").path("response");
        assertEquals(videoCapture.path("status").asInt(), video.status());
        for (String name : List.of("Content-Type", "Accept-Ranges")) {
            assertEquals(headerValues(videoCapture, name), video.headers().allValues(name), name);
        }
        assertEquals("bytes 0-11/12", video.headers().firstValue("Content-Range").orElse(null));

        assertSameShape("webwxuploadmedia", List.of(load("http/qjesus-20-webwxuploadmedia.json"),
                load("responses/wwdk-webwxuploadmedia-response.json")), List.of(upload()));
    }

    /** One unchunked picture upload, with the fields of the official page (PROTOCOL.md 6.2). */
    private JsonNode upload() throws Exception {
        byte[] picture = PhoneMessagesConformanceTest.jpeg(66, 100);
        String boundary = "----WebKitFormBoundaryCapture";
        StringBuilder head = new StringBuilder();
        String request = "{\"UploadType\":2,\"BaseRequest\":" + login.baseRequest() + ",\"ClientMediaId\":1546217867000,"
                + "\"TotalLen\":" + picture.length + ",\"StartPos\":0,\"DataLen\":" + picture.length + ",\"MediaType\":4,"
                + "\"FromUserName\":\"" + bot.userName() + "\",\"ToUserName\":\"" + alice.userName() + "\",\"FileMd5\":\""
                + UploadAndMediaSendConformanceTest.md5(picture) + "\"}";
        String[][] fields = {{"id", "WU_FILE_0"}, {"name", "IMG_1854.JPG"}, {"type", "image/jpeg"},
                {"lastModifiedDate", "Mon Dec 31 2018 08:57:47 GMT+0800"}, {"size", Integer.toString(picture.length)},
                {"mediatype", "pic"}, {"uploadmediarequest", request},
                {"webwx_data_ticket", login.cookies.get("webwx_data_ticket")}, {"pass_ticket", "undefined"}};
        for (String[] field : fields) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"filename\"; ")
                .append("filename=\"IMG_1854.JPG\"\r\nContent-Type: image/jpeg\r\n\r\n");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head.toString().getBytes(StandardCharsets.UTF_8));
        body.write(picture);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = client.postBytes("file.wx.qq.com", CGI + "webwxuploadmedia?f=json", body.toByteArray(),
                "Content-Type", "multipart/form-data; boundary=" + boundary, "Cookie", login.cookieHeader()).json();
        assertEquals(0, answer.path("BaseResponse").path("Ret").asInt(), answer.toString());
        return answer;
    }

    private static List<String> tags(String xml) {
        List<String> names = new ArrayList<>();
        Matcher m = ELEMENT.matcher(xml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> cookieNames(List<String> setCookies) {
        Set<String> names = new TreeSet<>();
        setCookies.forEach(line -> names.add(line.substring(0, line.indexOf('='))));
        return names;
    }

    private JsonNode sync() {
        JsonNode response = login.sync(client, syncKey).json();
        assertEquals(0, response.path("BaseResponse").path("Ret").asInt(), response.toString());
        syncKey = response.path("SyncKey");
        return response;
    }

    private JsonNode only() {
        JsonNode list = sync().path("AddMsgList");
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static String unescaped(JsonNode message) {
        return message.path("Content").asText().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&").replace("<br/>", "\n");
    }

    private static String attribute(JsonNode message, String name) {
        Matcher m = ATTR.matcher(unescaped(message));
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no attribute " + name + " in " + message);
    }

    private static String element(JsonNode message, String name) {
        return unescaped(message).replaceAll("(?s).*<" + name + ">([^<]*)</" + name + ">.*", "$1");
    }

    /** The names of the opening tags in order. */
    private static List<String> elements(JsonNode message) {
        List<String> names = new ArrayList<>();
        Matcher m = ELEMENT.matcher(unescaped(message));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The values of a header in a captured response, in order. */
    private static List<String> headerValues(JsonNode response, String name) {
        List<String> values = new ArrayList<>();
        response.path("headers").forEach(h -> {
            if (h.get(0).asText().equalsIgnoreCase(name)) {
                values.add(h.get(1).asText());
            }
        });
        return values;
    }
}
