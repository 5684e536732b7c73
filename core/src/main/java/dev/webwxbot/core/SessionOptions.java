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
 * @param sessionFile where to save the session after every sync so a restart resumes without a scan; empty
 *     to log in afresh every time
 * @param sendLimits how fast the session may send and how it backs off when told it is too fast
 */
public record SessionOptions(
        boolean desktopMode, String lang, Duration loginPollTimeout, Duration syncCheckTimeout, int maxQrCodes,
        Optional<Path> sessionFile, SendLimits sendLimits) {

    public SessionOptions {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(loginPollTimeout, "loginPollTimeout");
        Objects.requireNonNull(syncCheckTimeout, "syncCheckTimeout");
        if (maxQrCodes < 1) throw new IllegalArgumentException("maxQrCodes must be at least 1");
        Objects.requireNonNull(sessionFile, "sessionFile");
        Objects.requireNonNull(sendLimits, "sendLimits");
    }

    public static SessionOptions defaults() {
        return new SessionOptions(true, "zh_CN", Duration.ofSeconds(35), Duration.ofSeconds(40), 10, Optional.empty(),
                SendLimits.defaults());
    }

    public SessionOptions withDesktopMode(boolean desktop) {
        return new SessionOptions(desktop, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile, sendLimits);
    }

    /** Saves the session in this file (owner-only, replaced atomically) and resumes from it on start. */
    public SessionOptions withSessionFile(Path file) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes,
                Optional.of(file), sendLimits);
    }

    /** Paces every outgoing call of the session by these limits. */
    public SessionOptions withSendLimits(SendLimits limits) {
        return new SessionOptions(desktopMode, lang, loginPollTimeout, syncCheckTimeout, maxQrCodes, sessionFile,
                limits);
    }
}
