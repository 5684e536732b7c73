package dev.webwxbot.core.internal.protocol;

import dev.webwxbot.core.internal.http.HttpRequest;
import dev.webwxbot.core.internal.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;

/**
 * The calls before a session exists: jslogin, the login poll and webwxnewloginpage (PROTOCOL.md 2.2–2.6).
 * Thread-safe.
 */
public final class LoginCalls {

    /** The only appid any client sends to jslogin (PROTOCOL.md 2.2). */
    static final String APP_ID = "wx782c26e4c19acffb";
    /** The UOS desktop client's {@code extspam}, value A of PROTOCOL.md 2.6. */
    static final String EXTSPAM = "Go8FCIkFEokFCggwMDAwMDAwMRAGGvAESySibk50w5Wb3uTl2c2h64jVVrV7gNs06GFlWplHQbY/5FfiO++1yH4ykC"
            + "yNPWKXmco+wfQzK5R98D3so7rJ5LmGFvBLjGceleySrc3SOf2Pc1gVehzJgODeS0lDL3/I/0S2SSE98YgKleq6Uqx6ndTy9yaL9qFxJL7eiA/R"
            + "3SEfTaW1SBoSITIu+EEkXff+Pv8NHOk7N57rcGk1w0ZzRrQDkXTOXFN2iHYIzAAZPIOY45Lsh+A4slpgnDiaOvRtlQYCt97nmPLuTipOJ8Qc5p"
            + "M7ZsOsAPPrCQL7nK0I7aPrFDF0q4ziUUKettzW8MrAaiVfmbD1/VkmLNVqqZVvBCtRblXb5FHmtS8FxnqCzYP4WFvz3T0TcrOqwLX1M/DQvcHa"
            + "GGw0B0y4bZMs7lVScGBFxMj3vbFi2SRKbKhaitxHfYHAOAa0X7/MSS0RNAjdwoyGHeOepXOKY+h3iHeqCvgOH6LOifdHf/1aaZNwSkGotYnYSc"
            + "W8Yx63LnSwba7+hESrtPa/huRmB9KWvMCKbDThL/nne14hnL277EDCSocPu3rOSYjuB9gKSOdVmWsj9Dxb/iZIe+S6AiG29Esm+/eUacSba0k8"
            + "wn5HhHg9d4tIcixrxveflc8vi2/wNQGVFNsGO6tB5WF0xf/plngOvQ1/ivGV/C1Qpdhzznh0ExAVJ6dwzNg7qIEBaw+BzTJTUuRcPk92Sn6QDn"
            + "2Pu3mpONaEumacjW4w6ipPnPw+g2TfywJjeEcpSZaP4Q3YV5HG8D6UjWA4GSkBKculWpdCMadx0usMomsSS/74QgpYqcPkmamB4nVv1JxczYIT"
            + "IqItIKjD35IGKAUwAA==";

    private static final Pattern UUID = Pattern.compile("window\\.QRLogin\\.code = (\\d+); window\\.QRLogin\\.uuid = \"(\\S+?)\";");
    private static final Pattern CODE = Pattern.compile("window\\.code=(\\d+);");
    private static final Pattern AVATAR = Pattern.compile("window\\.userAvatar = '(.*?)';", Pattern.DOTALL);
    private static final Pattern REDIRECT = Pattern.compile("window\\.redirect_uri=\"(\\S+?)\";");
    private static final Duration SHORT_CALL = Duration.ofSeconds(30);
    /** The uuid goes into a URL query: only the characters uuids are made of (e.g. {@code A_1_xxxxw==}). */
    private static final Pattern PUSH_UUID = Pattern.compile("[A-Za-z0-9_=+/\\-]{1,64}");

    private final WxCaller caller;
    private final boolean desktopMode;
    private final String lang;
    private final Duration pollTimeout;
    /**
     * The login poll's {@code _}: jQuery's cache buster, which starts at the page's load time in ms and goes up by one
     * per request (PROTOCOL.md 2.4); this object stands for one page, so the count starts when it is made.
     */
    private final AtomicLong pollCounter = new AtomicLong(System.currentTimeMillis());

    public LoginCalls(WxCaller caller, boolean desktopMode, String lang, Duration pollTimeout) {
        this.caller = caller;
        this.desktopMode = desktopMode;
        this.lang = lang;
        this.pollTimeout = pollTimeout;
    }

    /** The text the QR code must encode for this uuid. */
    public static String qrContent(String uuid) {
        return "https://login.weixin.qq.com/l/" + uuid;
    }

    /** jslogin: asks for a fresh QR uuid. */
    public CompletableFuture<String> requestUuid() {
        String redirect = "https://" + WxHosts.DEFAULT_API_HOST + "/cgi-bin/mmwebwx-bin/webwxnewloginpage"
                + (desktopMode ? "?mod=desktop" : "");
        URI uri = Query.of(WxHosts.DEFAULT_LOGIN_HOST, "/jslogin")
                .param("appid", APP_ID)
                .param("redirect_uri", redirect)
                .param("fun", "new")
                .param("lang", lang)
                .param("_", System.currentTimeMillis())
                .uri();
        return caller.get(uri, SHORT_CALL).thenApply(response -> {
            try {
                return parseUuid(response.status(), response.bodyText());
            } catch (MalformedResponseException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The uuid of a jslogin answer ({@code window.QRLogin.code = 200; window.QRLogin.uuid = "…";}). */
    static String parseUuid(int status, String body) throws MalformedResponseException {
        Matcher matcher = UUID.matcher(body);
        if (!matcher.find() || !matcher.group(1).equals("200") || !PUSH_UUID.matcher(matcher.group(2)).matches()) {
            throw new MalformedResponseException(
                    "jslogin gave no uuid (HTTP " + status + "); the server may be blocking this address");
        }
        return matcher.group(2);
    }

    /**
     * webwxpushloginurl (PROTOCOL.md 2.7) on the account's API host, with the cookies of its earlier login in the
     * jar: the phone is asked to confirm, and the answered uuid is polled like a QR code's (first poll {@code tip=1}).
     * Fails with {@link PushLoginRefusedException} when the server refuses ({@code ret} 1, 2 or 3).
     */
    public CompletableFuture<String> pushLogin(WxHosts hosts, long uin) {
        Query query = Query.of(hosts.apiHost(), "/cgi-bin/mmwebwx-bin/webwxpushloginurl").param("uin", uin);
        if (desktopMode) query = query.param("mod", "desktop");
        return caller.getJson("webwxpushloginurl", query.uri(), SHORT_CALL).thenApply(node -> {
            // ret is a string in the captures; clients accept 0 and "0" alike.
            int ret = Json.integer(node, "ret", -1);
            String uuid = Json.text(node, "uuid");
            if (ret != 0) {
                throw new CompletionException(new PushLoginRefusedException(ret, Json.text(node, "msg")));
            }
            if (!PUSH_UUID.matcher(uuid).matches()) {
                throw new CompletionException(new MalformedResponseException("webwxpushloginurl answered ret 0 without a usable uuid"));
            }
            return uuid;
        });
    }

    /**
     * One login poll; the server holds it up to ~25 s.
     *
     * @param firstPoll the official page sends {@code tip=1} on the first poll for a QR code, 0 afterwards
     */
    public CompletableFuture<LoginPoll> poll(String uuid, boolean firstPoll) {
        long now = System.currentTimeMillis();
        URI uri = Query.of(WxHosts.DEFAULT_LOGIN_HOST, "/cgi-bin/mmwebwx-bin/login")
                .param("loginicon", "true")
                .param("uuid", uuid)
                .param("tip", firstPoll ? 1 : 0)
                .param("r", ~(int) now)
                .param("_", pollCounter.getAndIncrement())
                .uri();
        return caller.get(uri, pollTimeout).thenApply(response -> {
            try {
                return parsePoll(response.bodyText());
            } catch (MalformedResponseException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * A login poll's answer ({@code window.code=408;} and, by code, {@code window.userAvatar} or
     * {@code window.redirect_uri}). Any other text fails with {@link MalformedResponseException}, never otherwise.
     */
    static LoginPoll parsePoll(String body) throws MalformedResponseException {
        Matcher code = CODE.matcher(body);
        if (!code.find()) {
            throw new MalformedResponseException("login poll answered without window.code");
        }
        int value = Decimals.parseInt(code.group(1))
                .orElseThrow(() -> new MalformedResponseException("login poll answered a window.code out of range"));
        return switch (value) {
            case 408 -> new LoginPoll.Waiting();
            case 201 -> {
                Matcher avatar = AVATAR.matcher(body);
                yield new LoginPoll.Scanned(avatar.find() ? avatar.group(1) : "");
            }
            case 200 -> {
                Matcher redirect = REDIRECT.matcher(body);
                if (!redirect.find()) {
                    throw new MalformedResponseException("login poll confirmed without window.redirect_uri");
                }
                yield new LoginPoll.Confirmed(redirect.group(1));
            }
            case 400 -> new LoginPoll.Expired();
            case 202 -> new LoginPoll.Cancelled();
            default -> new LoginPoll.Failed(value);
        };
    }

    /**
     * webwxnewloginpage: exchanges the redirect for credentials. The host of the redirect is the account's API
     * host for the rest of the session. Cookies it sets land in the session's jar.
     */
    public CompletableFuture<LoginResult> newLoginPage(String redirectUri) {
        URI uri;
        try {
            uri = URI.create(redirectUri + "&fun=new&version=v2" + (desktopMode ? "&mod=desktop" : ""));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new MalformedResponseException("login redirect is not a URL: " + e.getMessage()));
        }
        if (uri.getHost() == null) {
            return CompletableFuture.failedFuture(new MalformedResponseException("login redirect has no host"));
        }
        HttpRequest request = HttpRequest.get(uri).withReadTimeout(SHORT_CALL);
        if (desktopMode) {
            request = request.withHeader("client-version", "2.0.0").withHeader("extspam", EXTSPAM);
        }
        return caller.send(request).thenApply(response -> {
            try {
                return parseLoginPage(authority(uri), response.status(), response.bodyText());
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * The redirect's host, with its port when it names one: a server reached at {@code host:port} (an emulator behind
     * {@code --server}) keeps getting that port in the URL and so in the {@code Host} header of every later call,
     * not only on webwxnewloginpage itself.
     */
    static String authority(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }

    /**
     * webwxnewloginpage's XML ({@code <error><ret>0</ret>…<skey>…}). Fails with {@link LoginRefusedException} for a
     * non-zero {@code ret}, with {@link MalformedResponseException} for anything else unusable; never otherwise.
     */
    static LoginResult parseLoginPage(String apiHost, int status, String body)
            throws MalformedResponseException, LoginRefusedException {
        // 200 with XML is today's answer; the legacy answer is a 301 without Location that still has the body.
        if (status != 200 && status != 301) {
            throw new MalformedResponseException("webwxnewloginpage answered HTTP " + status);
        }
        Document xml = SafeXml.parse(body.trim());
        String retText = SafeXml.childText(xml, "ret");
        int ret = retText.isEmpty() ? -1 : Decimals.parseInt(retText)
                .orElseThrow(() -> new MalformedResponseException("webwxnewloginpage answered a ret that is no int"));
        if (ret != 0) throw new LoginRefusedException(ret, SafeXml.childText(xml, "message"));
            String skey = SafeXml.childText(xml, "skey");
            String sid = SafeXml.childText(xml, "wxsid");
            String uin = SafeXml.childText(xml, "wxuin");
            String passTicket = SafeXml.childText(xml, "pass_ticket");
        if (skey.isEmpty() || sid.isEmpty() || uin.isEmpty() || passTicket.isEmpty()) {
            throw new MalformedResponseException(
                    "webwxnewloginpage answered ret 0 without skey, wxsid, wxuin and pass_ticket");
        }
        long uinValue = Decimals.parseLong(uin)
                .orElseThrow(() -> new MalformedResponseException("webwxnewloginpage answered a wxuin that is no number"));
        return new LoginResult(new Credentials(skey, sid, uinValue, passTicket), WxHosts.forApiHost(apiHost));
    }

    /** Credentials and the host family a login produced. */
    public record LoginResult(Credentials credentials, WxHosts hosts) {
    }
}
