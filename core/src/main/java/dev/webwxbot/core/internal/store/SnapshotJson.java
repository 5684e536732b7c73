package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import dev.webwxbot.core.internal.protocol.SyncKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SessionSnapshot} as the JSON object of the session file (layout version 1). Stateless. */
final class SnapshotJson {

    private static final Logger log = LoggerFactory.getLogger(SnapshotJson.class);
    /** The field holding the ids of recent messages, the one part a change record extends rather than replaces. */
    static final String RECENT_IDS = "recentMsgIds";

    private SnapshotJson() {
    }

    static ObjectNode toJson(SessionSnapshot snapshot) {
        ObjectNode root = fields(snapshot);
        ArrayNode ids = root.putArray(RECENT_IDS);
        snapshot.recentMsgIds().forEach(ids::add);
        return root;
    }

    /** Everything but the ids of recent messages: what a change line compares field by field. */
    static ObjectNode fields(SessionSnapshot snapshot) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", snapshot.version());
        root.put("apiHost", snapshot.apiHost());
        Credentials credentials = snapshot.credentials();
        root.putObject("credentials").put("skey", credentials.skey()).put("sid", credentials.sid())
                .put("uin", credentials.uin()).put("passTicket", credentials.passTicket());
        root.put("selfUserName", snapshot.selfUserName());
        root.set("syncKey", snapshot.syncKey().toJson());
        root.set("syncCheckKey", snapshot.syncCheckKey().toJson());
        ArrayNode cookies = root.putArray("cookies");
        for (CookieJar.StoredCookie cookie : snapshot.cookies()) {
            ObjectNode node = cookies.addObject().put("name", cookie.name()).put("value", cookie.value())
                    .put("domain", cookie.domain()).put("hostOnly", cookie.hostOnly()).put("path", cookie.path())
                    .put("secure", cookie.secure()).put("httpOnly", cookie.httpOnly())
                    .put("created", cookie.created().toString());
            if (cookie.expires() != null) node.put("expires", cookie.expires().toString());
        }
        root.put("savedAt", snapshot.savedAt().toString());
        return root;
    }

    /** The snapshot, or empty for a file of another layout version (logged); throws for one that is not usable. */
    static Optional<SessionSnapshot> fromJson(JsonNode root) throws MalformedResponseException {
        if (Json.integer(root, "version", -1) != SessionSnapshot.CURRENT_VERSION) {
            log.info("session file has another layout version; starting with a fresh login");
            return Optional.empty();
        }
        JsonNode credentials = root.path("credentials");
        List<CookieJar.StoredCookie> cookies = new ArrayList<>();
        for (JsonNode node : root.path("cookies")) {
            String expires = Json.text(node, "expires");
            cookies.add(new CookieJar.StoredCookie(Json.text(node, "name"), Json.text(node, "value"),
                    Json.text(node, "domain"), node.path("hostOnly").asBoolean(), Json.text(node, "path"),
                    node.path("secure").asBoolean(), node.path("httpOnly").asBoolean(),
                    expires.isEmpty() ? null : Instant.parse(expires), Instant.parse(Json.text(node, "created"))));
        }
        List<String> ids = new ArrayList<>();
        root.path(RECENT_IDS).forEach(id -> ids.add(id.asText()));
        String apiHost = Json.text(root, "apiHost");
        String self = Json.text(root, "selfUserName");
        if (apiHost.isEmpty() || self.isEmpty() || Json.text(credentials, "sid").isEmpty()) {
            throw new MalformedResponseException("session file lacks apiHost, selfUserName or credentials");
        }
        return Optional.of(new SessionSnapshot(SessionSnapshot.CURRENT_VERSION, apiHost,
                new Credentials(Json.text(credentials, "skey"), Json.text(credentials, "sid"),
                        Json.longValue(credentials, "uin", 0), Json.text(credentials, "passTicket")),
                self, SyncKey.fromJson(root.get("syncKey")), SyncKey.fromJson(root.get("syncCheckKey")),
                cookies, ids, Instant.parse(Json.text(root, "savedAt"))));
    }
}
