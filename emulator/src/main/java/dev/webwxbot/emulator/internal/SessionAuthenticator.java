package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;

/**
 * Finds the live session behind a call (PROTOCOL.md 2.9): by BaseRequest {@code Sid}+{@code Uin}, else the same
 * fields at top level, else the {@code wxsid}/{@code wxuin} cookies, else the {@code skey} query parameter.
 * Answers {@code 1100} when no such session exists and the session's own code (1100/1101) when it has ended.
 *
 * <p>Credentials are then checked as strictly as the settings say, which by default is every check (the real server
 * rejects a wrong skey, a foreign pass_ticket and a call without the session cookies, and every real client sends
 * them right): a skey that is not the session's answers {@code 1100}, missing or foreign {@code wxsid}/{@code wxuin}
 * cookies {@code 1102} (11.1, 11.3, 10.1), a pass_ticket that decodes to another value {@code 1100}. What real
 * clients vary stays accepted: {@code Uin} as string or number, any {@code DeviceID}, the pass_ticket in any of the
 * encodings of 0.4 or missing. Where a call carries no credential of a kind the protocol gives it, that check is
 * left out ({@link Kind}).
 */
final class SessionAuthenticator {

    /** Either a live session ({@code ret == 0}) or the Ret/retcode to answer with. */
    record Result(WebSession session, int ret) {
        boolean ok() {
            return ret == 0;
        }
    }

    /** What a kind of call carries, and so which checks apply to it. */
    enum Kind {
        /** JSON API calls: Skey (body or query), cookies and the pass_ticket query (0.3, 2.9). */
        JSON(true, true),
        /**
         * Multipart uploads: Skey in {@code uploadmediarequest} and cookies; the pass_ticket is sent decoded or as
         * {@code undefined} there and is not validated (0.4).
         */
        UPLOAD(true, false),
        /**
         * Media downloads (7): cookies, and the {@code skey} parameter only when one is sent ({@code webwxgetmedia}
         * has none and group avatars carry an empty {@code skey=}); pass_ticket not validated (0.4).
         */
        DOWNLOAD(false, false);

        final boolean skeyRequired;
        final boolean passTicketChecked;

        Kind(boolean skeyRequired, boolean passTicketChecked) {
            this.skeyRequired = skeyRequired;
            this.passTicketChecked = passTicketChecked;
        }
    }

    private final World world;
    private final HostDirectory hosts;

    SessionAuthenticator(World world, HostDirectory hosts) {
        this.world = world;
        this.hosts = hosts;
    }

    Result authenticate(Exchange ex, JsonNode body) {
        return authenticate(ex, body, Kind.JSON);
    }

    /** A media download: the session behind the cookies (or the skey), checked as {@link Kind#DOWNLOAD}. */
    Result authenticateDownload(Exchange ex) {
        return authenticate(ex, JsonNodeFactory.instance.objectNode(), Kind.DOWNLOAD);
    }

    Result authenticate(Exchange ex, JsonNode body, Kind kind) {
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
            return check(ex, session, skey, true, kind);
        }
    }

    /** Checks shared by JSON calls and synccheck (whose skey is required, 4.1); caller holds the World monitor. */
    Result check(Exchange ex, WebSession session, String skey, boolean checkHostFamily) {
        return check(ex, session, skey, checkHostFamily, Kind.JSON);
    }

    private Result check(Exchange ex, WebSession session, String skey, boolean checkHostFamily, Kind kind) {
        EmulatorSettings settings = world.settings;
        Instant now = world.now();
        if (session.live() && session.lastActivity.plus(settings.sessionIdleExpiry()).isBefore(now)) {
            session.end(WebSession.State.IDLE_EXPIRED);
            world.notifyAll();
        }
        if (!session.live()) {
            return new Result(session, session.state.code);
        }
        boolean skeyChecked = kind.skeyRequired || (skey != null && !skey.isEmpty());
        if (settings.strictSkey() && skeyChecked && !session.skey.equals(skey)) {
            return new Result(session, 1100);
        }
        if (settings.strictCookies() && !(session.sid.equals(ex.cookies().get("wxsid"))
                && Long.toString(session.uin()).equals(ex.cookies().get("wxuin")))) {
            return new Result(session, 1102);
        }
        if (checkHostFamily && settings.enforceApiHostFamily() && hosts.foreignToFamily(ex, session.family)) {
            return new Result(session, 1100);
        }
        if (settings.strictPassTicket() && kind.passTicketChecked
                && !PassTickets.accepts(ex.query().raw("pass_ticket"), session.passTicket)) {
            return new Result(session, 1100);
        }
        session.lastActivity = now;
        return new Result(session, 0);
    }
}
