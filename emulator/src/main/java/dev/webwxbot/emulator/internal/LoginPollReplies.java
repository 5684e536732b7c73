package dev.webwxbot.emulator.internal;

import java.time.Duration;
import java.time.Instant;

/** The login poll's JavaScript answers (PROTOCOL.md 2.4) and which one applies to a QR login right now. */
final class LoginPollReplies {
    private LoginPollReplies() {
    }

    static Reply code(int code) {
        return Reply.javascript("window.code=" + code + ";");
    }

    /** 201, with the scanner's avatar when the poll asked for it ({@code loginicon=true}). */
    static Reply scanned(AccountState account, boolean withAvatar) {
        return Reply.javascript(withAvatar
                ? "window.code=201;window.userAvatar = 'data:img/jpg;base64," + World.base64(Images.avatarJpeg(account.uin())) + "';"
                : "window.code=201;");
    }

    /** 200 with the redirect to webwxnewloginpage on {@code apiBase} ({@code https://<apiHost>}, 1.3). */
    static Reply confirmed(QrLogin qr, String apiBase) {
        return Reply.javascript("window.code=200;\nwindow.redirect_uri=\"" + apiBase
                + "/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=" + qr.ticket + "&uuid=" + qr.uuid + "&lang="
                + qr.lang + "&scan=" + qr.scanSeconds + "\";");
    }

    /**
     * The answer due without waiting, or {@code null} when the poll should be held. Marks the 201 as delivered,
     * since the real server sends it once. Caller holds the World monitor.
     */
    static Reply dueNow(QrLogin qr, Instant now, Duration ttl, String apiBaseOfScanner, boolean wantsAvatar) {
        if (qr == null || qr.expired(now, ttl)) {
            return code(400);
        }
        return switch (qr.state) {
            case CONFIRMED -> confirmed(qr, apiBaseOfScanner);
            case SCANNED -> {
                if (qr.scanReported) {
                    yield null;
                }
                qr.scanReported = true;
                yield scanned(qr.scannedBy, wantsAvatar);
            }
            case CANCELLED -> code(202);
            case WAITING -> null;
        };
    }
}
