package dev.webwxbot.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code webwxnewloginpage}: exchanges the single-use ticket for credentials, as XML and as Set-Cookie lines that
 * agree with each other (PROTOCOL.md 2.5, 2.6, 10.1).
 */
final class NewLoginPageEndpoint {
    static final String BANNED_MESSAGE =
            "当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。你可以通过手机客户端或者windows微信登录。";
    /** The real failure text for a re-used ticket is unknown (PROTOCOL.md 11.2, Unsettled). */
    static final String BAD_TICKET_MESSAGE = "invalid or already used ticket";
    static final Duration SESSION_COOKIE_LIFETIME = Duration.ofHours(12);
    static final Duration DEVICE_COOKIE_LIFETIME = Duration.ofDays(3650);

    private final World world;

    NewLoginPageEndpoint(World world) {
        this.world = world;
    }

    void handle(Exchange ex) {
        QueryString query = ex.query();
        boolean desktopHeaders = present(ex.header("extspam")) && present(ex.header("client-version"));
        SessionRegistry.LoginOutcome outcome = world.sessions().redeemTicket(query.get("ticket"), desktopHeaders,
                "desktop".equals(query.get("mod")), LoginEndpoints.normaliseLang(query.get("lang")));
        switch (outcome.result()) {
            case BAD_TICKET -> ex.reply(Reply.xml(error(1, BAD_TICKET_MESSAGE)));
            case BANNED -> ex.reply(Reply.xml(error(1203, BANNED_MESSAGE)));
            case OK -> {
                Reply reply = success(outcome.session(), CookieCodec.Attributes.of(ex.origin(), world.settings));
                ex.reply(answersWith301(ex) ? reply.withStatus(301) : reply);
            }
        }
    }

    /**
     * The real server historically answered 301 without a Location (body and cookies still there) to clients that
     * do not send {@code version=v2} (2.5). wechat4u takes only that 301, and it always marks itself as the desktop
     * client (2.6, client-notes); a plain client (urllib, Go's http) treats the same 301 as an error. So by default
     * the 301 goes to desktop clients only; the historical rule is a setting.
     */
    private boolean answersWith301(Exchange ex) {
        QueryString query = ex.query();
        boolean desktopMark = "desktop".equals(query.get("mod")) || present(ex.header("extspam"));
        boolean withoutVersion = !"v2".equals(query.get("version"));
        return world.settings.newLoginPage301ForDesktop() && desktopMark
                || world.settings.legacy301WithoutVersion() && withoutVersion;
    }

    private Reply success(WebSession session, CookieCodec.Attributes cookies) {
        String xml = "<error><ret>0</ret><message></message><skey>" + session.skey + "</skey><wxsid>" + session.sid
                + "</wxsid><wxuin>" + session.uin() + "</wxuin><pass_ticket>" + session.passTicket
                + "</pass_ticket><isgrayscale>1</isgrayscale></error>";
        return Reply.xml(xml).withHeaders(loginCookies(session, cookies));
    }

    static List<Map.Entry<String, String>> loginCookies(WebSession session, CookieCodec.Attributes secure) {
        String domain = session.family.apiHost();
        Instant shortLived = session.loginTime.plus(SESSION_COOKIE_LIFETIME);
        Instant longLived = session.loginTime.plus(DEVICE_COOKIE_LIFETIME);
        List<Map.Entry<String, String>> cookies = new ArrayList<>();
        cookies.add(setCookie("wxuin", Long.toString(session.uin()), domain, shortLived, secure));
        cookies.add(setCookie("wxsid", session.sid, domain, shortLived, secure));
        cookies.add(setCookie("wxloadtime", Long.toString(session.loginTime.getEpochSecond()), domain, shortLived, secure));
        cookies.add(setCookie("mm_lang", session.lang, domain, shortLived, secure));
        cookies.add(setCookie("webwx_data_ticket", session.dataTicket, session.family.parentCookieDomain(), shortLived, secure));
        cookies.add(setCookie("webwxuvid", session.account.webwxUvid(), domain, longLived, secure));
        cookies.add(setCookie("webwx_auth_ticket", session.account.authTicket(), domain, longLived, secure));
        return cookies;
    }

    static Map.Entry<String, String> setCookie(String name, String value, String domain, Instant expires,
                                               CookieCodec.Attributes secure) {
        return Map.entry("Set-Cookie", CookieCodec.setCookie(name, value, domain, expires, secure));
    }

    private static String error(int ret, String message) {
        return "<error><ret>" + ret + "</ret><message>" + message + "</message></error>";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
