package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that send every request to {@code 127.0.0.1:PORT} as it is, with a browser-like cookie jar: routed by
 * path, handed the emulator's own origin instead of WeChat hosts, host-only cookies, {@code Secure} only over TLS,
 * and webwxnewloginpage's 301 only to desktop clients (PROTOCOL.md 1.1, 1.3, 1.5, 2.4–2.6). Written with the JDK's
 * HttpClient, a client that is not ours.
 */
class LoopbackClientConformanceTest {
    private static final String CGI = "/cgi-bin/mmwebwx-bin/";
    private static final String EXTSPAM = "Go8FCIkFEokFCggwMDAwMDAwMRAGGvAESySibk50w5Wb3uTl2c2h64jVVrV7gNs06GFlWplHQbY/5FfiO++1yH4ykC";
    private static final Duration STEP = Duration.ofSeconds(10);

    private Emulator emulator;
    private Account bot;

    @BeforeEach
    void start() {
        emulator = quick(Emulator.builder()).start();
        bot = emulator.addAccount("Bot");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static Emulator.Builder quick(Emulator.Builder builder) {
        return builder.loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1));
    }

    /** The premise of the other tests: the JDK's default jar drops a foreign Domain and keeps Secure from http. */
    @Test
    void theJdkCookieJarBehavesAsABrowsersOnLoopback() throws IOException {
        CookieManager jar = new CookieManager();
        URI plain = URI.create("http://127.0.0.1:8080/cgi-bin/mmwebwx-bin/synccheck");
        jar.put(plain, Map.of("Set-Cookie", List.of("foreign=1; Domain=wx.qq.com; Path=/",
                "secure=2; Path=/; Secure", "plain=3; Path=/")));
        assertEquals(List.of("plain=3"), jar.get(plain, Map.of()).get("Cookie"));
        assertEquals(List.of("secure=2", "plain=3"), jar.get(URI.create("https://127.0.0.1:8080/"), Map.of()).get("Cookie"));
    }

    @Test
    void loopbackClientLogsInInitsSyncsAndSendsWithABrowserLikeCookieJar() {
        Contact alice = bot.addFriend("Alice");
        LoopbackClient client = new LoopbackClient(emulator);
        Session session = login(client, bot, "&fun=new&version=v2");

        JsonNode init = client.json(CGI + "webwxinit?r=-1&lang=zh_CN&pass_ticket=" + session.passTicketParam(),
                "{\"BaseRequest\":" + session.baseRequest() + "}");
        assertEquals(0, init.path("BaseResponse").path("Ret").asInt(), init.toString());
        String self = init.path("User").path("UserName").asText();
        JsonNode notify = client.json(CGI + "webwxstatusnotify?lang=zh_CN&pass_ticket=" + session.passTicketParam(),
                "{\"BaseRequest\":" + session.baseRequest() + ",\"Code\":3,\"FromUserName\":\"" + self
                        + "\",\"ToUserName\":\"" + self + "\",\"ClientMsgId\":" + System.currentTimeMillis() + "}");
        assertEquals(0, notify.path("BaseResponse").path("Ret").asInt(), notify.toString());
        JsonNode contacts = client.json(CGI + "webwxgetcontact?r=1&seq=0&skey=" + session.skeyParam(),
                "{\"BaseRequest\":" + session.baseRequest() + "}");
        assertTrue(contacts.path("MemberList").toString().contains(alice.userName()), contacts.toString());

        // synccheck carries no credentials but the query and the jar's cookies: 1102 if the jar dropped them.
        JsonNode syncKey = init.path("SyncKey");
        alice.sendText("hello over loopback");
        String check = awaitSelector(client, session, syncKey);
        assertTrue(check.matches("window.synccheck=\\{retcode:\"0\",selector:\"[1-9]\"}"), check);
        JsonNode sync = client.json(CGI + "webwxsync?sid=" + session.sid + "&skey=" + session.skeyParam()
                        + "&pass_ticket=" + session.passTicketParam(),
                "{\"BaseRequest\":" + session.baseRequest() + ",\"SyncKey\":" + syncKey + ",\"rr\":-1}");
        assertTrue(sync.path("AddMsgList").toString().contains("hello over loopback"), sync.toString());

        JsonNode sent = client.json(CGI + "webwxsendmsg?lang=zh_CN&pass_ticket=" + session.passTicketParam(),
                "{\"BaseRequest\":" + session.baseRequest() + ",\"Msg\":{\"Type\":1,\"Content\":\"hi Alice\","
                        + "\"FromUserName\":\"" + self + "\",\"ToUserName\":\"" + alice.userName()
                        + "\",\"LocalID\":\"1\",\"ClientMsgId\":\"1\"},\"Scene\":0}");
        assertEquals(0, sent.path("BaseResponse").path("Ret").asInt(), sent.toString());
        SentMessage message = bot.awaitSentMessage(STEP);
        assertEquals("hi Alice", message.content());
        assertEquals(alice.userName(), message.toUserName());

        WireClient.Response logout = client.get(CGI + "webwxlogout?redirect=1&type=0&skey=" + session.skeyParam());
        assertEquals(302, logout.status());
        assertEquals(client.origin + "/", logout.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aHostThatIsNoWeChatHostIsRoutedByPath() {
        LoopbackClient client = new LoopbackClient(emulator);
        assertTrue(WebLogin.QR_LOGIN.matcher(client.get(jsloginQuery()).text()).matches());
        WireClient.Response qr = client.get("/qrcode/" + emulator.awaitQrUuid(STEP));
        assertEquals("image/jpeg", qr.contentType());
        // synccheck without credentials: the push host's own answer, not a 404.
        assertEquals("window.synccheck={retcode:\"1102\",selector:\"0\"}", client.get(CGI + "synccheck?sid=x&uin=1").text());
        assertEquals(404, client.get("/no/such/path").status());

        try (Emulator strict = quick(Emulator.builder()).loopbackClients(false).start()) {
            assertEquals(404, new LoopbackClient(strict).get(jsloginQuery()).status());
        }
    }

    @Test
    void theRedirectUriPointsBackAtTheOriginTheClientUsed() {
        bot.setHostFamily(HostFamily.WX2);
        LoopbackClient byAddress = new LoopbackClient(emulator);
        assertTrue(confirmedRedirect(byAddress, bot).startsWith(
                "http://127.0.0.1:" + emulator.port() + CGI + "webwxnewloginpage?ticket="));
        LoopbackClient byName = new LoopbackClient(emulator, "http://localhost:" + emulator.port());
        assertTrue(confirmedRedirect(byName, bot).startsWith(
                "http://localhost:" + emulator.port() + CGI + "webwxnewloginpage?ticket="));

        // A client that names the WeChat hosts still hears of the family's API host (1.3), unchanged.
        WireClient wechatHosts = new WireClient(emulator);
        assertEquals("wx2.qq.com", WebLogin.host(WebLogin.confirmedRedirect(emulator, wechatHosts, bot, "")));
    }

    @Test
    void loopbackClientsGetHostOnlyCookiesAndWeChatHostsKeepTheirDomain() {
        LoopbackClient client = new LoopbackClient(emulator);
        String redirect = confirmedRedirect(client, bot);
        WireClient.Response page = client.get(WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2");
        assertEquals(7, page.setCookies().size());
        page.setCookies().forEach(line -> assertFalse(line.contains("Domain="), line));
        assertEquals(List.of("mm_lang", "webwx_auth_ticket", "webwx_data_ticket", "webwxuvid", "wxloadtime", "wxsid",
                "wxuin"), client.cookieNamesFor(CGI + "synccheck"));

        WireClient wechatHosts = new WireClient(emulator);
        String real = WebLogin.confirmedRedirect(emulator, wechatHosts, bot, "");
        List<String> lines = wechatHosts.get("wx.qq.com", WebLogin.pathAndQuery(real) + "&fun=new&version=v2").setCookies();
        assertTrue(lines.stream().allMatch(line -> line.contains("; Domain=wx.qq.com;")
                || line.startsWith("webwx_data_ticket=") && line.contains("; Domain=.qq.com;")), lines.toString());

        try (Emulator withDomains = quick(Emulator.builder()).hostOnlyCookies(false).start()) {
            LoopbackClient other = new LoopbackClient(withDomains);
            String uri = confirmedRedirect(other, withDomains.addAccount("Bot"));
            other.get(WebLogin.pathAndQuery(uri) + "&fun=new&version=v2").setCookies()
                    .forEach(line -> assertTrue(line.contains("; Domain="), line));
            assertEquals(List.of(), other.cookieNamesFor(CGI + "synccheck"));
        }
    }

    @Test
    void cookiesCarrySecureOnlyOverTlsUnlessAskedOtherwise() {
        LoopbackClient plain = new LoopbackClient(emulator);
        setCookiesAfterLogin(plain, bot).forEach(line -> assertFalse(line.endsWith("; Secure"), line));

        try (Emulator tls = quick(Emulator.builder()).https(true).start()) {
            Account account = tls.addAccount("Bot");
            LoopbackClient overTls = new LoopbackClient(tls);
            assertTrue(overTls.origin.startsWith("https://127.0.0.1:"));
            setCookiesAfterLogin(overTls, account).forEach(line -> assertTrue(line.endsWith("; Secure"), line));
            assertTrue(overTls.cookieNamesFor(CGI + "synccheck").contains("wxsid"));
            // Real host names over TLS: the captured lines, Domain and Secure both (PROTOCOL.md 2.5).
            String redirect = confirmedRedirect(overTls, account, "Host", "login.wx.qq.com");
            assertEquals("wx.qq.com", WebLogin.host(redirect));
            overTls.get(WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2", "Host", "wx.qq.com").setCookies()
                    .forEach(line -> assertTrue(line.contains("; Domain=") && line.endsWith("; Secure"), line));
        }
        try (Emulator always = quick(Emulator.builder()).secureCookiesOverHttp(true).start()) {
            setCookiesAfterLogin(new LoopbackClient(always), always.addAccount("Bot"))
                    .forEach(line -> assertTrue(line.endsWith("; Secure"), line));
        }
        try (Emulator never = quick(Emulator.builder()).https(true).secureCookies(false).start()) {
            setCookiesAfterLogin(new LoopbackClient(never), never.addAccount("Bot"))
                    .forEach(line -> assertFalse(line.endsWith("; Secure"), line));
        }
    }

    @Test
    void newLoginPageAnswers301OnlyToClientsMarkedAsTheDesktopClient() {
        LoopbackClient client = new LoopbackClient(emulator);
        assertEquals(200, newLoginPageStatus(client, bot, "&fun=new"));
        assertEquals(200, newLoginPageStatus(client, bot, "&fun=new&version=v2"));
        assertEquals(301, newLoginPageStatus(client, bot, "&fun=new&mod=desktop"));
        // wechat4u: no version, no mod, but the UOS headers (PROTOCOL.md 2.6, client-notes).
        assertEquals(301, newLoginPageStatus(client, bot, "&fun=new", "client-version", "2.0.0", "extspam", EXTSPAM));
        // Our core's desktop mode: version=v2 and mod=desktop and the headers.
        assertEquals(301, newLoginPageStatus(client, bot, "&fun=new&version=v2&mod=desktop",
                "client-version", "2.0.0", "extspam", EXTSPAM));

        try (Emulator legacy = quick(Emulator.builder()).legacy301WithoutVersion(true).newLoginPage301ForDesktop(false)
                .start()) {
            LoopbackClient other = new LoopbackClient(legacy);
            Account account = legacy.addAccount("Bot");
            assertEquals(301, newLoginPageStatus(other, account, "&fun=new"));
            assertEquals(200, newLoginPageStatus(other, account, "&fun=new&version=v2&mod=desktop",
                    "extspam", EXTSPAM));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private record Session(String skey, String sid, String uin, String passTicket) {
        String baseRequest() {
            return "{\"Uin\":" + uin + ",\"Sid\":\"" + sid + "\",\"Skey\":\"" + skey + "\",\"DeviceID\":\"e123456789012345\"}";
        }

        String passTicketParam() {
            return URLEncoder.encode(passTicket, StandardCharsets.UTF_8);
        }

        String skeyParam() {
            return URLEncoder.encode(skey, StandardCharsets.UTF_8);
        }
    }

    private static String jsloginQuery() {
        return "/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh_CN&redirect_uri="
                + URLEncoder.encode("https://wx.qq.com" + CGI + "webwxnewloginpage", StandardCharsets.UTF_8)
                + "&_=" + System.currentTimeMillis();
    }

    /** jslogin → scan → 201 → confirm → 200; the redirect_uri, all on the client's one origin. */
    private String confirmedRedirect(LoopbackClient client, Account account, String... loginHeaders) {
        Matcher qr = WebLogin.QR_LOGIN.matcher(client.get(jsloginQuery(), loginHeaders).text());
        assertTrue(qr.matches());
        String uuid = qr.group(2);
        account.phone().scan(uuid);
        String poll = CGI + "login?loginicon=true&uuid=" + uuid + "&tip=0&r=-1&_=" + System.currentTimeMillis();
        assertTrue(client.get(poll, loginHeaders).text().startsWith("window.code=201;"));
        account.phone().confirm();
        Matcher redirect = WebLogin.REDIRECT.matcher(client.get(poll, loginHeaders).text());
        assertTrue(redirect.find());
        return redirect.group(1);
    }

    private Session login(LoopbackClient client, Account account, String suffix) {
        String redirect = confirmedRedirect(client, account);
        assertTrue(redirect.startsWith(client.origin + "/"), redirect);
        WireClient.Response page = client.get(WebLogin.pathAndQuery(redirect) + suffix);
        assertEquals(200, page.status(), page.text());
        String xml = page.text();
        return new Session(WebLogin.element(xml, "skey"), WebLogin.element(xml, "wxsid"),
                WebLogin.element(xml, "wxuin"), WebLogin.element(xml, "pass_ticket"));
    }

    private List<String> setCookiesAfterLogin(LoopbackClient client, Account account) {
        String redirect = confirmedRedirect(client, account);
        List<String> lines = client.get(WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2").setCookies();
        assertEquals(7, lines.size(), lines.toString());
        return lines;
    }

    private int newLoginPageStatus(LoopbackClient client, Account account, String suffix, String... headers) {
        String redirect = confirmedRedirect(client, account);
        WireClient.Response page = client.get(WebLogin.pathAndQuery(redirect) + suffix, headers);
        assertTrue(page.text().startsWith("<error><ret>0</ret>"), page.text());
        assertTrue(page.headers().firstValue("Location").isEmpty());
        return page.status();
    }

    /** Polls synccheck (each held at most a second) until it reports something, within {@link #STEP}. */
    private static String awaitSelector(LoopbackClient client, Session session, JsonNode syncKey) {
        long deadline = System.nanoTime() + STEP.toNanos();
        String answer = "";
        while (System.nanoTime() < deadline) {
            answer = client.get(CGI + "synccheck?r=1&skey=" + session.skeyParam() + "&sid="
                    + URLEncoder.encode(session.sid, StandardCharsets.UTF_8) + "&uin=" + session.uin
                    + "&deviceid=e123456789012345&synckey=" + URLEncoder.encode(WebLogin.syncKeyString(syncKey),
                    StandardCharsets.UTF_8) + "&_=1").text();
            if (!answer.endsWith("selector:\"0\"}")) {
                return answer;
            }
        }
        return answer;
    }
}
