package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.SyncKey;

/**
 * The mutable part of a logged-in session: credentials (the skey may be refreshed) and both sync cursors.
 * Thread-safe: written by the sync loop, read by senders.
 */
final class SessionState {

    private volatile Credentials credentials;
    private volatile SyncKey syncKey;
    private volatile SyncKey syncCheckKey = SyncKey.EMPTY;

    SessionState(Credentials credentials, SyncKey syncKey, SyncKey syncCheckKey) {
        this.credentials = credentials;
        this.syncKey = syncKey;
        this.syncCheckKey = syncCheckKey;
    }

    Credentials credentials() {
        return credentials;
    }

    SyncKey syncKey() {
        return syncKey;
    }

    SyncKey syncCheckKey() {
        return syncCheckKey;
    }

    /** What synccheck presents: the SyncCheckKey once a sync gave one, else the SyncKey (PROTOCOL.md 4.3). */
    SyncKey syncCheckKeyOrSyncKey() {
        SyncKey checkKey = syncCheckKey;
        return checkKey.isEmpty() ? syncKey : checkKey;
    }

    void refreshSkey(String skey) {
        credentials = credentials.withSkey(skey);
    }

    /** After a successful webwxsync: each key replaced only when the answer's has entries. */
    void advance(SyncKey newSyncKey, SyncKey newSyncCheckKey, String skey) {
        syncKey = keep(syncKey, newSyncKey);
        syncCheckKey = keep(syncCheckKey, newSyncCheckKey);
        refreshSkey(skey);
    }

    /**
     * After webwxinit on the running session (the watchdog's re-initialisation): its SyncKey is the cursor from now
     * on and the SyncCheckKey starts empty again, as after the first init (PROTOCOL.md 4.3 step 1).
     */
    void restartFrom(SyncKey initKey, String skey) {
        if (!initKey.isEmpty()) syncKey = initKey;
        syncCheckKey = SyncKey.EMPTY;
        refreshSkey(skey);
    }

    /** A sync that returned an empty cursor keeps the old one (PROTOCOL.md 4.3 step 4). */
    private static SyncKey keep(SyncKey current, SyncKey fresh) {
        return fresh.isEmpty() ? current : fresh;
    }
}
