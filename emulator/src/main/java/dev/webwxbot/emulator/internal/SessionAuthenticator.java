package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Finds the live session behind a call (PROTOCOL.md 2.9): by BaseRequest {@code Sid}+{@code Uin}, else the same
 * fields at top level, else the {@code wxsid}/{@code wxuin} cookies, else the {@code skey} query parameter.
 * Answers {@code 1100} when no such session exists and the session's own code (1100/1101) when it has ended.
 */
final class SessionAuthenticator {

    /** Either a live session ({@code ret == 0}) or the Ret/retcode to answer with. */
    record Result(WebSession session, int ret) {
        boolean ok() {
            return ret == 0;
        }
    }

    private final World world;
    private final HostDirectory hosts;

    SessionAuthenticator(World world, HostDirectory hosts) {
        this.world = world;
        this.hosts = hosts;
    }

    Result authenticate(Exchange ex, JsonNode body) {
        JsonNode baseRequest = body.path("BaseRequest");
        String sid = null;
        String uin = null;
        String skey = null;
        for (JsonNode source : new JsonNode[] {baseRequest, body}) {
            if (source.isObject() && JsonBodies.scalarText(source, "Sid") != null) {
                sid = JsonBodies.scalarText(source, "Sid");
                uin = JsonBodies.scalarText(source, "Uin");
                skey = JsonBodies.scalarText(source, "Skey");
                break;
            }
        }
        if (sid == null) {
            sid = ex.cookies().get("wxsid");
            uin = ex.cookies().get("wxuin");
        }
        if (skey == null) {
            skey = ex.query().getIgnoreCase("skey");
        }
        synchronized (world) {
            WebSession session;
            if (sid != null) {
                session = world.sessions().bySid(sid);
                if (session == null || uin == null || !uin.trim().equals(Long.toString(session.uin()))) {
                    return new Result(null, 1100);
                }
            } else {
                session = world.sessions().bySkey(skey);
                if (session == null) {
                    return new Result(null, 1100);
                }
            }
            return check(ex, session, skey, true);
        }
    }

    /** Checks shared by JSON calls and synccheck; caller holds the World monitor. */
    Result check(Exchange ex, WebSession session, String skey, boolean checkHostFamily) {
        EmulatorSettings settings = world.settings;
        Instant now = world.now();
        if (session.live() && session.lastActivity.plus(settings.sessionIdleExpiry()).isBefore(now)) {
            session.end(WebSession.State.IDLE_EXPIRED);
            world.notifyAll();
        }
        if (!session.live()) {
            return new Result(session, session.state.code);
        }
        if (settings.strictSkey() && !session.skey.equals(skey)) {
            return new Result(session, 1100);
        }
        if (settings.strictCookies() && !(session.sid.equals(ex.cookies().get("wxsid"))
                && Long.toString(session.uin()).equals(ex.cookies().get("wxuin")))) {
            return new Result(session, 1102);
        }
        if (checkHostFamily && settings.enforceApiHostFamily() && hosts.foreignToFamily(ex, session.family)) {
            return new Result(session, 1100);
        }
        if (settings.strictPassTicket() && !PassTickets.accepts(ex.query().raw("pass_ticket"), session.passTicket)) {
            return new Result(session, 1100);
        }
        session.lastActivity = now;
        return new Result(session, 0);
    }
}
