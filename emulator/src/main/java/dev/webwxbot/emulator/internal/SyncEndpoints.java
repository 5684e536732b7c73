package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code synccheck} (long poll on the push hosts) and {@code webwxsync} (PROTOCOL.md 4.1–4.3). */
final class SyncEndpoints {
    private static final Duration UIN_COOKIE_AFTER_SYNC = Duration.ofDays(3);

    private final World world;
    private final HostDirectory hosts;
    private final SessionAuthenticator authenticator;

    SyncEndpoints(World world, HostDirectory hosts, SessionAuthenticator authenticator) {
        this.world = world;
        this.hosts = hosts;
        this.authenticator = authenticator;
    }

    void syncCheck(Exchange ex) {
        QueryString query = ex.query();
        String sid = query.get("sid");
        String uin = query.get("uin");
        String cookieSid = ex.cookies().get("wxsid");
        String cookieUin = ex.cookies().get("wxuin");
        if (sid == null || uin == null || !sid.equals(cookieSid) || !uin.equals(cookieUin)) {
            ex.reply(SyncCheckReplies.answer(1102, 0));
            return;
        }
        HeldReply[] held = new HeldReply[1];
        synchronized (world) {
            WebSession session = world.sessions().bySid(sid);
            if (session == null || !uin.equals(Long.toString(session.uin()))) {
                ex.reply(SyncCheckReplies.answer(1100, 0));
                return;
            }
            String pinned = session.account.pushHost();
            // A loopback client names no host at all, so there is no wrong one to refuse (routed by path).
            boolean wrongHost = !ex.origin().direct() && (pinned != null ? !pinned.equals(ex.host())
                    : world.settings.foreignSyncCheckHostAnswers1100() && !servesPushFor(ex.host(), session));
            if (wrongHost) {
                ex.reply(SyncCheckReplies.answer(1100, 0));
                return;
            }
            SessionAuthenticator.Result auth = authenticator.check(ex, session, query.getIgnoreCase("skey"), false);
            if (!auth.ok()) {
                ex.reply(SyncCheckReplies.answer(auth.ret(), 0));
                return;
            }
            if (session.zombie == WebSession.Zombie.FROZEN_SYNC) {
                // A frozen session: held as usual, but no news ever wakes it; it ends "nothing new".
                ex.hold(world.settings.syncCheckHold(), () -> {
                    synchronized (world) {
                        return SyncCheckReplies.answer(session.state.code, 0);
                    }
                });
                return;
            }
            OptionalLong key1 = messageKey(query.get("synckey"));
            if (key1.isEmpty()) {
                // A missing or misspelt synckey makes the real server answer at once, every time (PROTOCOL.md 4.1).
                ex.reply(SyncCheckReplies.answer(0, 0));
                return;
            }
            if (session.hasMessagesAfter(key1.getAsLong())) {
                ex.reply(SyncCheckReplies.answer(0, session.selectorAfter(key1.getAsLong())));
                return;
            }
            held[0] = ex.hold(world.settings.syncCheckHold(), () -> {
                synchronized (world) {
                    session.syncCheckWaiters.remove(held[0]);
                    return SyncCheckReplies.answer(session.state.code, 0);
                }
            });
            session.syncCheckWaiters.add(held[0]);
            world.changed(); // a test may be waiting for the client to idle (Account.awaitHeldSyncCheck)
        }
    }

    private boolean servesPushFor(String host, WebSession session) {
        HostDirectory.HostRole role = hosts.resolve(host);
        return role.role() == HostDirectory.Role.PUSH && role.family() == session.family;
    }

    void sync(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, ret -> JsonBodies.json(Wire.SyncResponse.failed(ret)));
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        WebSession session = call.session();
        OptionalLong key1 = messageKey(body.path("SyncKey"));
        if (key1.isEmpty()) {
            ex.reply(JsonBodies.json(Wire.SyncResponse.failed(-1)));
            return;
        }
        Wire.SyncResponse response;
        synchronized (world) {
            if (session.zombie.withholdsSync()) {
                // A zombie session: nothing is handed out or acknowledged, and the presented key comes back as is.
                Wire.SyncKey same = presentedKey(body.path("SyncKey"));
                response = new Wire.SyncResponse(Wire.BaseResponse.OK, 0, List.of(), 0, List.of(), 0, List.of(), 0,
                        List.of(), Wire.Profile.UNCHANGED, 0, same, "", same);
                ex.reply(JsonBodies.json(response));
                return;
            }
            WebSession.SyncBatch batch = session.takeEventsAfter(key1.getAsLong());
            Wire.SyncKey current = session.syncKeyAt(batch.lastSeq());
            response = new Wire.SyncResponse(Wire.BaseResponse.OK, batch.messages().size(), batch.messages(),
                    batch.modContacts().size(), batch.modContacts(), batch.delContacts().size(), batch.delContacts(),
                    0, List.of(), Wire.Profile.UNCHANGED, batch.more() ? 1 : 0, current, "", current);
        }
        ex.reply(JsonBodies.json(response).withHeaders(refreshedCookies(session,
                CookieCodec.Attributes.of(ex.origin(), world.settings))));
    }

    /** The cookie refresh a sync answer carries in the capture (PROTOCOL.md 4.2, 10.1). */
    private List<Map.Entry<String, String>> refreshedCookies(WebSession session, CookieCodec.Attributes secure) {
        Instant now = world.now();
        Instant shortLived = now.plus(NewLoginPageEndpoint.SESSION_COOKIE_LIFETIME);
        String domain = session.family.apiHost();
        return List.of(
                NewLoginPageEndpoint.setCookie("wxloadtime", session.loginTime.getEpochSecond() + "_expired", domain,
                        shortLived, secure),
                NewLoginPageEndpoint.setCookie("wxpluginkey", Long.toString(session.key1000()), domain, shortLived, secure),
                NewLoginPageEndpoint.setCookie("wxuin", Long.toString(session.uin()), domain,
                        now.plus(UIN_COOKIE_AFTER_SYNC), secure),
                NewLoginPageEndpoint.setCookie("wxsid", session.sid, domain, shortLived, secure),
                NewLoginPageEndpoint.setCookie("webwx_data_ticket", session.dataTicket,
                        session.family.parentCookieDomain(), shortLived, secure));
    }

    /** The SyncKey a webwxsync presented, as it was (entries that are not Key/Val numbers left out). */
    private static Wire.SyncKey presentedKey(JsonNode syncKey) {
        List<Wire.KeyVal> keys = new java.util.ArrayList<>();
        for (JsonNode entry : syncKey.path("List")) {
            String key = JsonBodies.scalarText(entry, "Key");
            String value = JsonBodies.scalarText(entry, "Val");
            OptionalLong parsedKey = key == null ? OptionalLong.empty() : parse(key);
            OptionalLong parsedValue = value == null ? OptionalLong.empty() : parse(value);
            if (parsedKey.isPresent() && parsedValue.isPresent()) {
                keys.add(new Wire.KeyVal((int) parsedKey.getAsLong(), parsedValue.getAsLong()));
            }
        }
        return Wire.SyncKey.of(keys);
    }

    /** Key 1 of a synccheck string {@code 1_698325105|2_…}; empty when absent or malformed. */
    static OptionalLong messageKey(String syncKey) {
        if (syncKey == null || syncKey.isEmpty() || syncKey.length() > 4096) {
            return OptionalLong.empty();
        }
        for (String pair : syncKey.split("\\|")) {
            int underscore = pair.indexOf('_');
            if (underscore > 0 && pair.substring(0, underscore).trim().equals("1")) {
                return parse(pair.substring(underscore + 1));
            }
        }
        return OptionalLong.empty();
    }

    /** Key 1 of a JSON SyncKey {@code {"Count":n,"List":[{"Key":1,"Val":…}]}}; empty when absent or malformed. */
    static OptionalLong messageKey(JsonNode syncKey) {
        JsonNode list = syncKey.path("List");
        if (!list.isArray()) {
            return OptionalLong.empty();
        }
        for (JsonNode entry : list) {
            if (entry.isObject() && "1".equals(JsonBodies.scalarText(entry, "Key"))) {
                String value = JsonBodies.scalarText(entry, "Val");
                return value == null ? OptionalLong.empty() : parse(value);
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong parse(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
