package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.internal.fault.FaultPlan;
import dev.webwxbot.emulator.internal.fault.FaultRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out the faults a {@link FaultPlan} draws, around the normal routing of a request: transport faults
 * (delay, stall, reset, 5xx, truncated, garbage), forced codes, and the sync anomalies of PROTOCOL.md 11.4, two of
 * which stick to a session until its next webwxsync. Thread-safe.
 */
final class FaultGate {
    private static final Logger LOG = LoggerFactory.getLogger(FaultGate.class);
    private static final String CGI = "/cgi-bin/mmwebwx-bin/";
    /** How far (in seconds) the SyncCheckKey's Key 201 runs ahead of the SyncKey's. */
    private static final long AHEAD_SECONDS = 7;
    /** What a dropped connection has been seen to leave instead of a body: bytes that parse as nothing. */
    private static final byte[] GARBAGE = {(byte) 0x1f, (byte) 0x8b, 0x08, 0x00, '<', 0x00, (byte) 0xff, '{', '"',
            (byte) 0xc3, 0x28, 'w', 'i', 'n', 'd', 'o', 'w', '.', (byte) 0xfe};

    private static final Set<FaultKind> ANYWHERE = EnumSet.of(FaultKind.DELAY, FaultKind.STALL, FaultKind.UNANSWERED,
            FaultKind.RESET,
            FaultKind.SERVER_ERROR, FaultKind.TRUNCATED, FaultKind.MALFORMED, FaultKind.KICKED);

    private final FaultPlan plan;
    private final World world;
    /** Sessions (by sid) whose synccheck answers this selector at once until they call webwxsync. */
    private final Map<String, Integer> stuckSelectors = new ConcurrentHashMap<>();
    /** Sessions (by sid) that were given a SyncCheckKey ahead of their SyncKey: its Key 201 value. */
    private final Map<String, Long> aheadCheckKeys = new ConcurrentHashMap<>();

    FaultGate(FaultPlan plan, World world) {
        this.plan = plan;
        this.world = world;
    }

    /** The endpoint name rules match: the part after the cgi path, or the first path segment. */
    static String endpointOf(String path) {
        if (path.startsWith(CGI)) {
            return path.substring(CGI.length());
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    /** Routes {@code ex} through {@code proceed}, unless or after a fault decides otherwise. */
    void apply(Exchange ex, Runnable proceed) {
        String endpoint = endpointOf(ex.path());
        if (endpoint.equals("synccheck") && answeredBySessionState(ex)) {
            return;
        }
        if (endpoint.equals("webwxsync")) {
            String sid = ex.query().get("sid");
            if (sid != null) {
                stuckSelectors.remove(sid);
                ex.filterReply(reply -> afterSync(sid, reply));
            }
        }
        FaultRule rule = plan.draw(endpoint, applicable(endpoint));
        if (rule == null) {
            proceed.run();
            return;
        }
        switch (rule.kind()) {
            case DELAY -> {
                plan.record(rule, endpoint, rule.delay().toMillis() + " ms");
                ex.later(rule.delay(), () -> {
                    try {
                        proceed.run();
                    } catch (RuntimeException e) {
                        LOG.warn("{} failed after an injected delay", endpoint, e);
                        ex.reply(Reply.html(500, "<html><body><h1>500 Internal Server Error</h1></body></html>"));
                    }
                });
            }
            case STALL -> plan.record(rule, endpoint, "never answered");
            case UNANSWERED -> {
                plan.record(rule, endpoint, "handled, never answered");
                ex.breakAnswer(Exchange.BrokenAnswer.SILENT);
                proceed.run();
            }
            case RESET -> {
                plan.record(rule, endpoint, "half the body, then RST");
                ex.breakAnswer(Exchange.BrokenAnswer.RESET);
                proceed.run();
            }
            case TRUNCATED -> {
                plan.record(rule, endpoint, "half the body, then close");
                ex.breakAnswer(Exchange.BrokenAnswer.TRUNCATED);
                proceed.run();
            }
            case MALFORMED -> {
                plan.record(rule, endpoint, "garbage body");
                ex.filterReply(reply -> new Reply(200, reply.contentType(), List.of(), GARBAGE.clone(), false));
                proceed.run();
            }
            case SERVER_ERROR -> {
                plan.record(rule, endpoint, "HTTP " + rule.code());
                ex.reply(Reply.html(rule.code(), "<html><body><h1>" + rule.code() + "</h1></body></html>"));
            }
            case STUCK_SELECTOR -> stick(ex, rule, endpoint, proceed);
            case LOGOUT, RET -> {
                plan.record(rule, endpoint, "code " + rule.code());
                ex.reply(endpoint.equals("synccheck") ? SyncCheckReplies.answer(rule.code(), 0)
                        : jsonFailure(endpoint, rule.code()));
            }
            case BANNED -> {
                plan.record(rule, endpoint, "ret 1203");
                ex.reply(Reply.xml("<error><ret>1203</ret><message>" + NewLoginPageEndpoint.BANNED_MESSAGE
                        + "</message></error>"));
            }
            case KICKED -> {
                kick(ex, rule, endpoint);
                proceed.run();
            }
            case FROZEN_SYNC, STUCK_SYNC_KEY, LOST_ECHOES -> {
                zombify(ex, rule, endpoint);
                proceed.run();
            }
            default -> proceed.run();
        }
    }

    private static Set<FaultKind> applicable(String endpoint) {
        Set<FaultKind> kinds = EnumSet.copyOf(ANYWHERE);
        if (endpoint.equals("synccheck") || (endpoint.startsWith("webwx") && !endpoint.equals("webwxnewloginpage")
                && !endpoint.equals("webwxpushloginurl"))) {
            kinds.addAll(EnumSet.of(FaultKind.FROZEN_SYNC, FaultKind.STUCK_SYNC_KEY, FaultKind.LOST_ECHOES));
        }
        if (endpoint.equals("synccheck")) {
            kinds.add(FaultKind.STUCK_SELECTOR);
            kinds.add(FaultKind.LOGOUT);
        } else if (endpoint.equals("webwxpushloginurl")) {
            kinds.add(FaultKind.RET);
        } else if (endpoint.equals("webwxnewloginpage")) {
            kinds.add(FaultKind.BANNED);
        } else if (endpoint.startsWith("webwx") && !endpoint.equals("webwxpushloginurl")) {
            kinds.add(FaultKind.LOGOUT);
            kinds.add(FaultKind.RET);
        }
        return kinds;
    }

    /** The answer a JSON endpoint gives with a non-zero Ret, in that endpoint's own shape. */
    private static Reply jsonFailure(String endpoint, int code) {
        if (endpoint.equals("webwxsync")) {
            return JsonBodies.json(Wire.SyncResponse.failed(code));
        }
        if (endpoint.equals("webwxpushloginurl")) {
            return JsonBodies.json(PushLoginEndpoint.answer(code));
        }
        if (endpoint.startsWith("webwxsend") || endpoint.equals("webwxrevokemsg")) {
            return JsonBodies.json(new Wire.SendResponse(Wire.BaseResponse.of(code), "", ""));
        }
        return JsonCalls.bare(code);
    }

    /** synccheck of a session with a sticky anomaly: answered here at once; false when nothing applies. */
    private boolean answeredBySessionState(Exchange ex) {
        String sid = ex.query().get("sid");
        if (sid == null || !liveSession(sid)) {
            return false;
        }
        Integer stuck = stuckSelectors.get(sid);
        if (stuck != null) {
            ex.reply(SyncCheckReplies.answer(0, stuck));
            return true;
        }
        Long ahead = aheadCheckKeys.get(sid);
        if (ahead != null && key201(ex.query().get("synckey")) < ahead) {
            // The client presents an older key than the SyncCheckKey it was given: "behind the server" (4.1).
            ex.reply(SyncCheckReplies.answer(0, 2));
            return true;
        }
        return false;
    }

    private void stick(Exchange ex, FaultRule rule, String endpoint, Runnable proceed) {
        String sid = ex.query().get("sid");
        if (sid == null || !liveSession(sid)) {
            proceed.run();
            return;
        }
        plan.record(rule, endpoint, "selector " + rule.code() + " until webwxsync");
        stuckSelectors.put(sid, rule.code());
        ex.reply(SyncCheckReplies.answer(0, rule.code()));
    }

    /** The sid a request names: in its query (synccheck, GET calls) or its BaseRequest. */
    private static String sidOf(Exchange ex) {
        String sid = ex.query().get("sid");
        if (sid == null) {
            sid = JsonBodies.parseObject(ex.body()).map(body -> JsonBodies.scalarText(body.path("BaseRequest"), "Sid"))
                    .orElse(null);
        }
        return sid;
    }

    /** Makes the request's live session a zombie of the rule's kind (unless it already is one). */
    private void zombify(Exchange ex, FaultRule rule, String endpoint) {
        String sid = sidOf(ex);
        WebSession.Zombie zombie = switch (rule.kind()) {
            case FROZEN_SYNC -> WebSession.Zombie.FROZEN_SYNC;
            case STUCK_SYNC_KEY -> WebSession.Zombie.STUCK_SYNC_KEY;
            default -> WebSession.Zombie.LOST_ECHOES;
        };
        synchronized (world) {
            WebSession session = world.sessions().bySid(sid);
            if (session != null && session.live() && session.zombie == WebSession.Zombie.NONE) {
                session.zombie = zombie;
                plan.record(rule, endpoint, "session is a zombie (" + rule.kind().wireName()
                        + ") until webwxinit or a new login");
            }
        }
    }

    private void kick(Exchange ex, FaultRule rule, String endpoint) {
        String sid = sidOf(ex);
        synchronized (world) {
            WebSession session = world.sessions().bySid(sid);
            if (session != null && session.live()) {
                session.end(WebSession.State.KICKED);
                world.notifyAll();
                plan.record(rule, endpoint, "session ended 1101");
            }
        }
    }

    private boolean liveSession(String sid) {
        synchronized (world) {
            WebSession session = world.sessions().bySid(sid);
            return session != null && session.live();
        }
    }

    /** The sync anomalies that change a successful webwxsync answer: SyncCheckKey ahead, duplicate delivery. */
    private Reply afterSync(String sid, Reply reply) {
        if (reply.status() != 200) {
            return reply;
        }
        JsonNode parsed = JsonBodies.parseObject(reply.body()).orElse(null);
        if (!(parsed instanceof ObjectNode body) || body.path("BaseResponse").path("Ret").asInt(-1) != 0) {
            return reply;
        }
        try {
            boolean changed = false;
            FaultRule ahead = plan.draw("webwxsync", EnumSet.of(FaultKind.SYNC_CHECK_KEY_AHEAD));
            if (ahead != null && body.path("SyncCheckKey").path("List").isArray()) {
                long value = pushKey201Ahead((ObjectNode) body.path("SyncCheckKey"));
                aheadCheckKeys.put(sid, value);
                plan.record(ahead, "webwxsync", "SyncCheckKey 201 ahead by " + AHEAD_SECONDS + " s");
                changed = true;
            } else {
                aheadCheckKeys.remove(sid);
            }
            JsonNode messages = body.path("AddMsgList");
            if (messages.isArray() && !messages.isEmpty()) {
                FaultRule duplicate = plan.draw("webwxsync", EnumSet.of(FaultKind.DUPLICATE_MESSAGE));
                if (duplicate != null) {
                    plan.record(duplicate, "webwxsync", "again next sync: MsgId " + redeliver(sid, messages));
                }
            }
            return changed ? new Reply(reply.status(), reply.contentType(), reply.headers(), JsonBodies.write(body),
                    reply.compressible()) : reply;
        } catch (RuntimeException e) {
            LOG.warn("a sync fault could not be applied: {}", e.toString());
            return reply;
        }
    }

    /** Queues the answer's messages once more, so the next webwxsync carries the same MsgIds. */
    private List<String> redeliver(String sid, JsonNode messages) {
        List<String> ids = new ArrayList<>();
        synchronized (world) {
            WebSession session = world.sessions().bySid(sid);
            if (session == null || !session.live()) {
                return ids;
            }
            for (JsonNode message : messages) {
                session.enqueue(WebSession.EventKind.MESSAGE, message.deepCopy(), message.path("CreateTime").asLong());
                ids.add(message.path("MsgId").asText(""));
            }
        }
        return ids;
    }

    /** Raises (or adds) Key 201 of a SyncCheckKey object in place; returns the new value. */
    private static long pushKey201Ahead(ObjectNode syncCheckKey) {
        ArrayNode list = (ArrayNode) syncCheckKey.path("List");
        for (JsonNode entry : list) {
            if (entry.path("Key").asInt() == 201) {
                long value = entry.path("Val").asLong() + AHEAD_SECONDS;
                ((ObjectNode) entry).put("Val", value);
                return value;
            }
        }
        long value = world201Fallback() + AHEAD_SECONDS;
        list.addObject().put("Key", 201).put("Val", value);
        syncCheckKey.put("Count", list.size());
        return value;
    }

    private static long world201Fallback() {
        return System.currentTimeMillis() / 1000;
    }

    /** Key 201 of a synccheck {@code synckey} string, or -1 when absent or malformed. */
    static long key201(String syncKey) {
        if (syncKey == null || syncKey.length() > 4096) {
            return -1;
        }
        for (String pair : syncKey.split("\\|")) {
            if (pair.startsWith("201_")) {
                try {
                    return Long.parseLong(pair.substring(4).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
