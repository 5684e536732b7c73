package dev.webwxbot.core.internal.store;

import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.SyncKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a restart needs to resume a session (PROTOCOL.md 10.2's Java guidance): the cookie jar with domains,
 * the credentials with pass_ticket as received, the API host, both sync cursors, my UserName, and the ids of the
 * last messages handed to plugins, so none is handed over twice. Secret; immutable.
 */
public record SessionSnapshot(
        int version, String apiHost, Credentials credentials, String selfUserName, SyncKey syncKey,
        SyncKey syncCheckKey, List<CookieJar.StoredCookie> cookies, List<String> recentMsgIds, Instant savedAt) {

    /** Bumped when the layout changes; an older file is ignored rather than misread. */
    public static final int CURRENT_VERSION = 1;

    public SessionSnapshot {
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(selfUserName, "selfUserName");
        Objects.requireNonNull(syncKey, "syncKey");
        Objects.requireNonNull(syncCheckKey, "syncCheckKey");
        cookies = List.copyOf(cookies);
        recentMsgIds = List.copyOf(recentMsgIds);
        Objects.requireNonNull(savedAt, "savedAt");
    }

    @Override
    public String toString() {
        return "SessionSnapshot[apiHost=" + apiHost + ", savedAt=" + savedAt + ", secrets redacted]";
    }
}
