package dev.webwxbot.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webwxnewloginpage: XML, Set-Cookie lines, ticket use, 1203, desktop mode, legacy 301 (PROTOCOL.md 2.5, 2.6, 10.1). */
class NewLoginPageConformanceTest {
    private static final Pattern SUCCESS = Pattern.compile("<error><ret>0</ret><message></message>"
            + "<skey>(@crypt_[0-9a-f]{8}_[0-9a-f]{32})</skey><wxsid>([A-Za-z0-9+/]{16})</wxsid><wxuin>(\\d{9,10})</wxuin>"
            + "<pass_ticket>([A-Za-z0-9%]{44,90})</pass_ticket><isgrayscale>1</isgrayscale></error>");
    private static final Pattern SET_COOKIE = Pattern.compile(
            "([a-z_]+)=([^;]+); Domain=([^;]+); Path=/; Expires=([A-Z][a-z]{2}, \\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2} GMT); Secure");
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String EXTSPAM = "Go8FCIkFEokFCggwMDAwMDAwMRAGGvAESySibk50w5Wb3uTl2c2h64jVVrV7gNs06GFlWplHQbY/5FfiO++1yH4ykC";

    private Emulator emulator;
    private WireClient client;
    private Account bot;

    @BeforeEach
    void start() {
        // Secure over this test's plain HTTP too, so the lines are checked in the captures' exact shape (over TLS).
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1))
                .secureCookiesOverHttp(true).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private record SetCookie(String value, String domain, ZonedDateTime expires) {
    }

    private static Map<String, SetCookie> parse(List<String> lines) {
        Map<String, SetCookie> cookies = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher matcher = SET_COOKIE.matcher(line);
            assertTrue(matcher.matches(), "Set-Cookie not in the captured shape: " + line);
            cookies.put(matcher.group(1), new SetCookie(matcher.group(2), matcher.group(3),
                    ZonedDateTime.parse(matcher.group(4), EXPIRES)));
        }
        return cookies;
    }

    @Test
    void successAnswersCapturedXmlAndCookiesThatAgreeWithIt() {
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        long loginSecond = System.currentTimeMillis() / 1000;
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2&lang=zh_CN");
        assertEquals(200, page.status());
        assertEquals("text/plain;charset=utf-8", page.contentType());
        Matcher xml = SUCCESS.matcher(page.text());
        assertTrue(xml.matches(), page.text());
        assertEquals(Long.toString(bot.uin()), xml.group(3));

        Map<String, SetCookie> cookies = parse(page.setCookies());
        assertEquals(List.of("wxuin", "wxsid", "wxloadtime", "mm_lang", "webwx_data_ticket", "webwxuvid", "webwx_auth_ticket"),
                List.copyOf(cookies.keySet()));
        assertEquals(xml.group(3), cookies.get("wxuin").value());
        assertEquals(xml.group(2), cookies.get("wxsid").value());
        assertEquals("zh_CN", cookies.get("mm_lang").value());
        assertTrue(Math.abs(Long.parseLong(cookies.get("wxloadtime").value()) - loginSecond) <= 2);
        assertTrue(cookies.get("webwx_data_ticket").value().matches("[A-Za-z0-9+/]{24}"));
        for (String name : List.of("wxuin", "wxsid", "wxloadtime", "mm_lang", "webwxuvid", "webwx_auth_ticket")) {
            assertEquals("wx.qq.com", cookies.get(name).domain(), name);
        }
        assertEquals(".qq.com", cookies.get("webwx_data_ticket").domain());
        long sessionHours = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), cookies.get("wxsid").expires()).toHours();
        long deviceDays = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), cookies.get("webwxuvid").expires()).toDays();
        assertTrue(sessionHours >= 11 && sessionHours <= 12, "wxsid lifetime " + sessionHours + " h");
        assertTrue(deviceDays >= 3649, "webwxuvid lifetime " + deviceDays + " d");
    }

    @Test
    void wechatComFamilyScopesCookiesToItsHosts() {
        bot.setHostFamily(HostFamily.WEB2_WECHAT);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        assertEquals("web2.wechat.com", WebLogin.host(redirect));
        WireClient.Response page = client.get("web2.wechat.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2");
        Map<String, SetCookie> cookies = parse(page.setCookies());
        assertEquals("web2.wechat.com", cookies.get("wxsid").domain());
        assertEquals(".wechat.com", cookies.get("webwx_data_ticket").domain());
    }

    @Test
    void ticketIsSingleUse() {
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        String url = WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2";
        assertEquals(200, client.get("wx.qq.com", url).status());
        WireClient.Response again = client.get("wx.qq.com", url);
        assertEquals(200, again.status());
        assertTrue(again.text().matches("<error><ret>1</ret><message>[^<]+</message></error>"), again.text());
        assertTrue(again.setCookies().isEmpty());
    }

    @Test
    void withLegacy301OnAnswerWithoutVersionV2Is301WithoutLocationButWithBodyAndCookies() {
        try (Emulator legacy = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).legacy301WithoutVersion(true).start()) {
            WireClient legacyClient = new WireClient(legacy);
            Account account = legacy.addAccount("Bot");
            String redirect = WebLogin.confirmedRedirect(legacy, legacyClient, account, "");
            WireClient.Response page = legacyClient.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new");
            assertEquals(301, page.status());
            assertTrue(page.headers().firstValue("Location").isEmpty());
            assertTrue(SUCCESS.matcher(page.text()).matches(), page.text());
            assertEquals(7, page.setCookies().size());
        }
    }

    @Test
    void withoutVersionV2AClientThatIsNotTheDesktopClientGets200ByDefault() {
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new");
        assertEquals(200, page.status());
        assertTrue(SUCCESS.matcher(page.text()).matches(), page.text());
    }

    @Test
    void bannedAccountGets1203WithTheRealMessageAndNoCookies() {
        bot.setWebLoginBanned(true);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2");
        assertEquals(200, page.status());
        assertEquals("<error><ret>1203</ret><message>当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。"
                + "你可以通过手机客户端或者windows微信登录。</message></error>", page.text());
        assertTrue(page.setCookies().isEmpty());
    }

    @Test
    void desktopModeLoginBypassesTheWebBan() {
        bot.setWebLoginBanned(true);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot,
                "https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop");
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2",
                "client-version", "2.0.0", "extspam", EXTSPAM, "Referer", "https://wx.qq.com/?&lang=zh_CN&target=t");
        assertTrue(SUCCESS.matcher(page.text()).matches(), page.text());
    }

    @Test
    void desktopHeadersWithoutModDesktopDoNotBypassTheBan() {
        bot.setWebLoginBanned(true);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2",
                "client-version", "2.0.0", "extspam", EXTSPAM);
        assertTrue(page.text().startsWith("<error><ret>1203</ret>"), page.text());
    }

    @Test
    void modDesktopInTheQueryCountsAsDesktopMode() {
        bot.setWebLoginBanned(true);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect)
                + "&fun=new&version=v2&mod=desktop", "client-version", "2.0.0", "extspam", EXTSPAM);
        assertTrue(SUCCESS.matcher(page.text()).matches(), page.text());
    }

    @Test
    void accountThatDisallowsDesktopStays1203EvenInDesktopMode() {
        bot.setWebLoginBanned(true).setDesktopLoginAllowed(false);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot,
                "https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop");
        WireClient.Response page = client.get("wx.qq.com", WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2",
                "client-version", "2.0.0", "extspam", EXTSPAM);
        assertTrue(page.text().startsWith("<error><ret>1203</ret>"), page.text());
    }

    @Test
    void secondLoginKicksTheFirstSessionWhoseSynccheckAnswers1101() {
        WebLogin first = WebLogin.perform(emulator, client, bot);
        String firstKey = WebLogin.syncKeyString(first.init(client).path("SyncKey"));
        WebLogin second = WebLogin.perform(emulator, client, bot);
        assertFalse(first.sid.equals(second.sid));
        assertEquals("window.synccheck={retcode:\"1101\",selector:\"0\"}", first.syncCheck(client, firstKey).text());
        assertEquals(1101, first.init(client).path("BaseResponse").path("Ret").asInt());
        assertEquals(0, second.init(client).path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void userNamesChangeAtEveryLogin() {
        Contact alice = bot.addFriend("Alice");
        WebLogin.perform(emulator, client, bot);
        String firstSelf = bot.userName();
        String firstAlice = alice.userName();
        WebLogin.perform(emulator, client, bot);
        assertTrue(firstSelf.matches("@[0-9a-f]{32}"), firstSelf);
        assertTrue(firstAlice.matches("@[0-9a-f]{64}"), firstAlice);
        assertFalse(firstSelf.equals(bot.userName()));
        assertFalse(firstAlice.equals(alice.userName()));
        assertEquals("filehelper", bot.fileHelper().userName());
    }
}
