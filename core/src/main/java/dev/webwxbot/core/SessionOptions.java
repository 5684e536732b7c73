package dev.webwxbot.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Objects;

/**
 * How a session talks to the server. Immutable; start from {@link #defaults()}.
 *
 * @param desktopMode log in as the UOS desktop client (PROTOCOL.md 2.6), which accounts barred from web login
 *     (1203) still may; on by default
 * @param lang the {@code lang} parameter, e.g. {@code zh_CN}
 * @param loginPollTimeout read timeout of a login poll; longer than the server's ~25 s hold
 * @param syncCheckTimeout read timeout of a synccheck; longer than the server's ~25 s hold
 * @param maxQrCodes how many QR codes to offer before giving up when none is scanned
 * @param sessionFile where to save the session so a restart resumes without a scan (at most once a second, the
 *     changes since the file was last written whole going to {@code <file>.changes} next to it); empty to log in
 *     afresh every time
 * @param sendLimits how fast the session may send and how it backs off when told it is too fast
 * @param callTimeout read timeout of every other call (webwxinit, webwxsync, sends …); a call the server never
 *     answers fails after it and is retried or reported
 * @param maxDownloadBytes the largest media body {@code Bot.download} saves; a larger one is aborted as it arrives
 *     ({@code TOO_LARGE}) and leaves no file. Default 1 GiB, the largest file the bot itself may send
 * @param journalDirectory where received messages are journaled until the listener has handled them, and sends
 *     kept until the server has them, so that neither a crash nor a stop loses one; empty to keep that
 *     bookkeeping in memory only (a stop still lets what was received finish, a crash loses it)
 * @param monitor told of sends, throttling and sync failures as they happen; {@link SessionMonitor#NONE} by default
 * @param identityTagging whether a login writes stable tags into the remark names of friends without a permanent
 *     id, or removes them ({@link IdentityTagging#OFF} by default): see {@link #withIdentityTags}
 * @param safety human takeover, the reply-loop breaker and the send ceilings ({@link SafetyOptions#off()} by
 *     default): see {@link #withSafety}
 * @param loginGuard asked before every login (resume, push or QR) whether it may start; records each attempt and
 *     its outcome ({@link LoginGuard}); {@link LoginGuard#off()} by default
 * @param watchdog the zombie-session watchdog ({@link WatchdogSettings#defaults()}: on)
 * @param stateStorage where the snapshot, the inbound journal and the outbox live instead of {@code sessionFile} and
 *     {@code journalDirectory} (a cluster's shared store); empty by default: see {@link #withStateStorage}
 */
public record SessionOptions(
        boolean desktopMode, String lang, Duration loginPollTimeout, Duration syncCheckTimeout, int maxQrCodes,
        Optional<Path> sessionFile, SendLimits sendLimits, Duration callTimeout, long maxDownloadBytes,
        Optional<Path> journalDirectory, SessionMonitor monitor, IdentityTagging identityTagging,
        SafetyOptions safety, LoginGuard loginGuard, WatchdogSettings watchdog,
        Optional<SessionStateStorage> stateStorage) {

    public SessionOptions {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(loginPollTimeout, "loginPollTimeout");
        Objects.requireNonNull(syncCheckTimeout, "syncCheckTimeout");
        if (maxQrCodes < 1) throw new IllegalArgumentException("maxQrCodes must be at least 1");
        Objects.requireNonNull(sessionFile, "sessionFile");
        Objects.requireNonNull(sendLimits, "sendLimits");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout must be positive");
        if (maxDownloadBytes < 1) throw new IllegalArgumentException("maxDownloadBytes must be at least 1");
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(identityTagging, "identityTagging");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(loginGuard, "loginGuard");
        Objects.requireNonNull(watchdog, "watchdog");
        Objects.requireNonNull(stateStorage, "stateStorage");
    }

    /** 1 GiB: the largest file the bot may send (MediaLimits), so whatever it can send it can also fetch back. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 1L << 30;

    public static SessionOptions defaults() {
        return new SessionOptions(true, "zh_CN", Duration.ofSeconds(35), Duration.ofSeconds(40), 10, Optional.empty(),
                SendLimits.defaults(), Duration.ofSeconds(30), DEFAULT_MAX_DOWNLOAD_BYTES, Optional.empty(),
                SessionMonitor.NONE, IdentityTagging.OFF, SafetyOptions.off(), LoginGuard.off(), WatchdogSettings.defaults(),
                Optional.empty());
    }

    public SessionOptions withDesktopMode(boolean desktop) {
        return new SessionOptions(desktop, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /** Saves the session in this file (owner-only, replaced atomically) and resumes from it on start. */
    public SessionOptions withSessionFile(Path file) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes,
                Optional.of(file), sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /** Paces every outgoing call of the session by these limits. */
    public SessionOptions withSendLimits(SendLimits limits) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                limits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /**
     * Read timeouts: the login poll and synccheck must outlast the server's hold (~25 s; an emulator's may be
     * shorter), {@code call} bounds every other request.
     */
    public SessionOptions withTimeouts(Duration loginPoll, Duration syncCheck, Duration call) {
        return new SessionOptions(desktopMode, lang, loginPoll, syncCheck, maxQrCodes, sessionFile, sendLimits, call,
                maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /**
     * Journals received messages and pending sends in this folder (files {@code inbox.journal} and
     * {@code outbox.journal}, owner-only): a message is written there before the sync cursor moves past it and
     * leaves once the listener's stage for it completed; after a crash or a stop, the next start of the same
     * session hands on what was unfinished.
     */
    public SessionOptions withJournalDirectory(Path directory) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, Optional.of(directory), monitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /** Aborts any download whose body grows beyond {@code bytes} and deletes what was saved of it. */
    public SessionOptions withMaxDownloadBytes(long bytes) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, bytes, journalDirectory, monitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /**
     * Tells {@code newMonitor} of the session's sends, throttling and sync failures (see {@link SessionMonitor});
     * it is called on network threads and must return at once.
     */
    public SessionOptions withMonitor(SessionMonitor newMonitor) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, newMonitor, identityTagging, safety, loginGuard, watchdog, stateStorage);
    }

    /**
     * After each login, once the first sync has brought the status-notify list: with {@code WRITE}, writes a stable
     * tag ({@code "Alice #wb7k2"}) into the remark name of at most {@code perLogin} friends for whom no permanent id
     * is known and whose remark carries none, each write paced like a send; their identity is then
     * {@code tag:wb7k2} at this and every later login, as long as the remark keeps it. With {@code REMOVE}, takes
     * at most {@code perLogin} of the bot's tags off again.
     */
    public SessionOptions withIdentityTags(IdentityTagging tagging) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, tagging, safety, loginGuard, watchdog, stateStorage);
    }

    /**
     * Human takeover, the reply-loop and storm breaker and the send ceilings, measured by the options' clock: see
     * {@link SafetyOptions} and {@link Session#pauses()}.
     */
    public SessionOptions withSafety(SafetyOptions newSafety) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, newSafety, loginGuard, watchdog, stateStorage);
    }

    /**
     * Asks {@code guard} before every login of the session (the saved session's resume, a push, a QR code) and tells
     * it how each ended; a login it holds back fails the start with a {@link LoginFailedException} whose cause is a
     * {@link LoginHeldException}, after a {@code LoginHeld} event went to the listener.
     */
    public SessionOptions withLoginGuard(LoginGuard guard) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, guard, watchdog, stateStorage);
    }

    /** Watches for a zombie session (alive to synccheck, delivering nothing) and recovers it; see {@link WatchdogSettings}. */
    public SessionOptions withWatchdog(WatchdogSettings settings) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, loginGuard,
                settings, stateStorage);
    }

    /**
     * Keeps the snapshot, the inbound journal and the outbox in {@code storage} instead of the session file and the
     * journal directory, which are then not used: the session resumes from what the storage holds, hands on what it
     * left unfinished and settles the sends it left open, wherever they were written.
     */
    public SessionOptions withStateStorage(SessionStateStorage storage) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                sendLimits, callTimeout, maxDownloadBytes, journalDirectory, monitor, identityTagging, safety, loginGuard,
                watchdog, Optional.of(storage));
    }
}
