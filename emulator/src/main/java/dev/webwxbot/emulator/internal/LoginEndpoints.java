package dev.webwxbot.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The login host's endpoints: jslogin, the QR image and page, and the login long poll (PROTOCOL.md 2.2–2.4). */
final class LoginEndpoints {
    private static final Pattern LANG = Pattern.compile("[a-z]{2}_[A-Z]{2}");
    private static final Pattern UUID_CHARS = Pattern.compile("[A-Za-z0-9_=\\-]{1,64}");
    /** Fire the hold timer just after a TTL boundary so the expiry is visible when it fires. */
    private static final Duration AFTER_EXPIRY = Duration.ofMillis(5);

    private final World world;

    LoginEndpoints(World world) {
        this.world = world;
    }

    /**
     * GET or POST (PROTOCOL.md 2.2, 11.7). The parameters come from the query, else from a form body: WeixinBot POSTs
     * them urlencoded with no query at all (client-notes.md "WeixinBot"), wechat4u POSTs with the query. None is
     * required, as a fresh uuid is always issued (11.2); {@code lang} and a {@code mod=desktop} redirect_uri count.
     */
    void jslogin(Exchange ex) {
        QueryString form = formBody(ex);
        String redirectUri = parameter(ex, form, "redirect_uri");
        boolean desktop = redirectUri != null && redirectUri.contains("mod=desktop");
        QrLogin qr = world.qrLogins().issue(desktop, normaliseLang(parameter(ex, form, "lang")));
        // Two Content-Type headers, javascript then html/gbk, as the server sends them (http/qjesus-01-jslogin).
        ex.reply(Reply.javascript("window.QRLogin.code = 200; window.QRLogin.uuid = \"" + qr.uuid + "\";")
                .withHeaders(List.of(Map.entry("Content-Type", "text/html; charset=gbk"),
                        Map.entry("Cache-Control", "no-cache, must-revalidate"))));
    }

    /** The query's value, else the form body's. */
    private static String parameter(Exchange ex, QueryString form, String name) {
        String fromQuery = ex.query().get(name);
        return fromQuery != null ? fromQuery : form.get(name);
    }

    /**
     * A POST body read as {@code application/x-www-form-urlencoded} when it says so or says nothing (urllib's POST
     * sets that type by default); any other body is no form. {@code +} stays {@code +} (see {@link QueryString}),
     * which none of jslogin's values contains once encoded.
     */
    private static QueryString formBody(Exchange ex) {
        String type = ex.header("Content-Type");
        boolean form = type == null || type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if (!form || ex.body().length == 0) {
            return QueryString.parse("");
        }
        return QueryString.parse(new String(ex.body(), StandardCharsets.UTF_8).trim());
    }

    /**
     * The QR image; GET or POST (WeixinBot POSTs {@code t=webwx&_=…} as a form, client-notes.md). It reads no state,
     * so fetching it any number of times before or between polls leaves the login poll as it was (2.3, 2.4).
     */
    void qrCode(Exchange ex, String uuid) {
        if (!UUID_CHARS.matcher(uuid).matches()) {
            ex.reply(Reply.notFound());
            return;
        }
        ex.reply(Reply.binary("image/jpeg", Images.qrCodeJpeg("https://login.weixin.qq.com/l/" + uuid)));
    }

    void qrPage(Exchange ex, String uuid) {
        if (!UUID_CHARS.matcher(uuid).matches()) {
            ex.reply(Reply.notFound());
            return;
        }
        ex.reply(Reply.html(200, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>微信登录</title></head>"
                + "<body><p>请使用微信扫一扫以登录</p><img src=\"/qrcode/" + uuid + "\"></body></html>"));
    }

    void loginPoll(Exchange ex) {
        String uuid = ex.query().get("uuid");
        boolean wantsAvatar = "true".equals(ex.query().get("loginicon"));
        QrLogin.Poller[] poller = new QrLogin.Poller[1];
        synchronized (world) {
            QrLogin qr = world.qrLogins().byUuid(uuid);
            Instant now = world.now();
            Reply due = LoginPollReplies.dueNow(qr, now, world.settings.uuidTtl(), apiBaseOf(ex, qr), wantsAvatar);
            if (due != null) {
                ex.reply(due);
                return;
            }
            Duration untilExpiry = Duration.between(now, qr.issuedAt.plus(world.settings.uuidTtl())).plus(AFTER_EXPIRY);
            Duration hold = min(world.settings.loginPollHold(), untilExpiry);
            HeldReply held = ex.hold(hold, () -> {
                synchronized (world) {
                    qr.pollers.remove(poller[0]);
                    Reply late = LoginPollReplies.dueNow(qr, world.now(), world.settings.uuidTtl(), apiBaseOf(ex, qr), wantsAvatar);
                    return late != null ? late : LoginPollReplies.code(408);
                }
            });
            poller[0] = new QrLogin.Poller(held, wantsAvatar);
            qr.pollers.add(poller[0]);
            world.changed(); // a test may be waiting for the poll to be held (Emulator.awaitHeldLoginPoll)
        }
    }

    /** Where the redirect of a confirmed login points: the scanner's API host, or a loopback client's own origin. */
    private static String apiBaseOf(Exchange ex, QrLogin qr) {
        return ex.origin().base(qr == null || qr.scannedBy == null ? "wx.qq.com" : qr.scannedBy.family().apiHost());
    }

    static String normaliseLang(String lang) {
        String candidate = lang == null ? "" : lang.replace('-', '_');
        return LANG.matcher(candidate).matches() ? candidate : "zh_CN";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
