package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the login steps the way a client does, over the wire, and keeps the resulting credentials and cookies. */
final class WebLogin {
    static final Pattern QR_LOGIN = Pattern.compile("window\\.QRLogin\\.code = (\\d+); window\\.QRLogin\\.uuid = \"(\\S+?)\";");
    static final Pattern CODE = Pattern.compile("window\\.code=(\\d+);");
    static final Pattern REDIRECT = Pattern.compile("window\\.redirect_uri=\"(\\S+?)\";");
    static final String CGI = "/cgi-bin/mmwebwx-bin/";

    final String apiHost;
    final String skey;
    final String sid;
    final String uin;
    final String passTicket;
    final Map<String, String> cookies = new LinkedHashMap<>();

    private WebLogin(String apiHost, String skey, String sid, String uin, String passTicket) {
        this.apiHost = apiHost;
        this.skey = skey;
        this.sid = sid;
        this.uin = uin;
        this.passTicket = passTicket;
    }

    /** jslogin → scan → 201 → confirm → 200 → newloginpage (version=v2) → credentials. */
    static WebLogin perform(Emulator emulator, WireClient client, Account account) {
        return perform(new RoutedClient.RealHosts(client), account);
    }

    /** The same, through either route; the client keeps the login page's cookies its own way. */
    static WebLogin perform(RoutedClient client, Account account) {
        String redirect = confirmedRedirect(client, account, "");
        WireClient.Response page = client.get(host(redirect), pathAndQuery(redirect) + "&fun=new&version=v2");
        assertEquals(200, page.status(), page.text());
        client.keepCookies(page);
        return fromPage(host(redirect), page);
    }

    /** The redirect_uri of a confirmed login; {@code jsloginRedirect} is the jslogin redirect_uri ("" for none). */
    static String confirmedRedirect(Emulator emulator, WireClient client, Account account, String jsloginRedirect) {
        return confirmedRedirect(new RoutedClient.RealHosts(client), account, jsloginRedirect);
    }

    static String confirmedRedirect(RoutedClient client, Account account, String jsloginRedirect) {
        String uuid = jslogin(client, "login.wx.qq.com", jsloginRedirect);
        account.phone().scan(uuid);
        WireClient.Response scanned = poll(client, uuid);
        assertTrue(scanned.text().startsWith("window.code=201;"), scanned.text());
        account.phone().confirm();
        WireClient.Response confirmed = poll(client, uuid);
        Matcher redirect = REDIRECT.matcher(confirmed.text());
        assertTrue(redirect.find(), confirmed.text());
        return redirect.group(1);
    }

    static String jslogin(WireClient client, String loginHost, String redirectUri) {
        return jslogin(new RoutedClient.RealHosts(client), loginHost, redirectUri);
    }

    static String jslogin(RoutedClient client, String loginHost, String redirectUri) {
        String query = "/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh_CN&_=" + System.currentTimeMillis()
                + (redirectUri.isEmpty() ? "" : "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));
        WireClient.Response response = client.get(loginHost, query);
        Matcher matcher = QR_LOGIN.matcher(response.text());
        assertTrue(matcher.matches(), response.text());
        return matcher.group(2);
    }

    static WireClient.Response poll(WireClient client, String uuid) {
        return poll(new RoutedClient.RealHosts(client), uuid);
    }

    static WireClient.Response poll(RoutedClient client, String uuid) {
        return client.get("login.wx.qq.com", CGI + "login?loginicon=true&uuid=" + uuid + "&tip=0&r=-1234567&_="
                + System.currentTimeMillis());
    }

    static WebLogin fromPage(String apiHost, WireClient.Response page) {
        String xml = page.text();
        WebLogin login = new WebLogin(apiHost, element(xml, "skey"), element(xml, "wxsid"), element(xml, "wxuin"),
                element(xml, "pass_ticket"));
        login.absorb(page.setCookies());
        return login;
    }

    static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">(.*?)</" + name + ">").matcher(xml);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String host(String url) {
        return URI.create(url).getHost();
    }

    static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    void absorb(List<String> setCookies) {
        for (String line : setCookies) {
            String pair = line.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }

    String cookieHeader() {
        StringBuilder out = new StringBuilder();
        cookies.forEach((name, value) -> out.append(out.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return out.toString();
    }

    String baseRequest() {
        return "{\"Uin\":" + uin + ",\"Sid\":\"" + sid + "\",\"Skey\":\"" + skey + "\",\"DeviceID\":\"e123456789012345\"}";
    }

    /** The pass_ticket the way the official page sends it: the XML value percent-encoded once more. */
    String doubleEncodedPassTicket() {
        return URLEncoder.encode(passTicket, StandardCharsets.UTF_8);
    }

    WireClient.Response postJson(WireClient client, String endpointAndQuery, String body) {
        return client.post(apiHost, CGI + endpointAndQuery, body, "Cookie", cookieHeader(),
                "Content-Type", "application/json;charset=UTF-8");
    }

    JsonNode init(WireClient client) {
        WireClient.Response response = postJson(client, "webwxinit?r=-1&lang=zh_CN&pass_ticket=" + doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + baseRequest() + "}");
        return response.json();
    }

    WireClient.Response syncCheck(WireClient client, String syncKey) {
        return client.get("webpush." + apiHost, CGI + "synccheck?r=" + System.currentTimeMillis() + "&skey="
                + URLEncoder.encode(skey, StandardCharsets.UTF_8) + "&sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8)
                + "&uin=" + uin + "&deviceid=e123456789012345&synckey=" + URLEncoder.encode(syncKey, StandardCharsets.UTF_8)
                + "&_=" + System.currentTimeMillis(), "Cookie", cookieHeader());
    }

    WireClient.Response sync(WireClient client, JsonNode syncKey) {
        return postJson(client, "webwxsync?sid=" + URLEncoder.encode(sid, StandardCharsets.UTF_8) + "&skey="
                        + URLEncoder.encode(skey, StandardCharsets.UTF_8) + "&lang=zh_CN&pass_ticket=" + doubleEncodedPassTicket(),
                "{\"BaseRequest\":" + baseRequest() + ",\"SyncKey\":" + syncKey + ",\"rr\":-23314857}");
    }

    /** {@code Key_Val|Key_Val…} from a JSON SyncKey. */
    static String syncKeyString(JsonNode syncKey) {
        StringBuilder out = new StringBuilder();
        for (JsonNode pair : syncKey.path("List")) {
            out.append(out.isEmpty() ? "" : "|").append(pair.path("Key").asLong()).append('_').append(pair.path("Val").asLong());
        }
        return out.toString();
    }
}
