package dev.webwxbot.emulator.internal;

import java.nio.charset.StandardCharsets;

/**
 * {@code webwxlogout} (PROTOCOL.md 2.10): ends the session found by cookie, form fields or skey, then answers with a
 * redirect to the API host (the real status/body is Unsettled; clients only need the side effect).
 */
final class LogoutEndpoint {
    private final World world;

    LogoutEndpoint(World world) {
        this.world = world;
    }

    void logout(Exchange ex) {
        QueryString form = QueryString.parse(new String(ex.body(), StandardCharsets.UTF_8).trim());
        String sid = firstNonNull(ex.cookies().get("wxsid"), form.get("sid"), ex.query().get("sid"));
        String uin = firstNonNull(ex.cookies().get("wxuin"), form.get("uin"), ex.query().get("uin"));
        String host = null;
        synchronized (world) {
            WebSession session = world.sessions().bySid(sid);
            if (session != null && uin != null && !uin.trim().equals(Long.toString(session.uin()))) {
                session = null;
            }
            if (session == null) {
                session = world.sessions().bySkey(ex.query().getIgnoreCase("skey"));
            }
            if (session != null) {
                session.end(WebSession.State.LOGGED_OUT_BY_CLIENT);
                host = session.family.apiHost();
                world.notifyAll();
            }
        }
        String location = ex.origin().base(host != null ? host : ex.host()) + "/";
        ex.reply(Reply.html(302, "").withHeader("Location", location));
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
