package dev.webwxbot.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One QR uuid issued by jslogin and its progress on the phone. Guarded by the {@link World} monitor. */
final class QrLogin {
    enum State { WAITING, SCANNED, CONFIRMED, CANCELLED }

    final String uuid;
    final Instant issuedAt;
    final boolean desktopRequested;
    final String lang;
    State state = State.WAITING;
    boolean expiredByHand;
    AccountState scannedBy;
    boolean scanReported;
    /** Created by webwxpushloginurl rather than jslogin: the phone shows a prompt, no QR code was scanned. */
    boolean pushed;
    long scanSeconds;
    String ticket;
    final List<Poller> pollers = new ArrayList<>();

    /** A held login poll; {@code wantsAvatar} records {@code loginicon=true}, which asks for the avatar on 201. */
    record Poller(HeldReply held, boolean wantsAvatar) {
    }

    QrLogin(String uuid, Instant issuedAt, boolean desktopRequested, String lang) {
        this.uuid = uuid;
        this.issuedAt = issuedAt;
        this.desktopRequested = desktopRequested;
        this.lang = lang;
    }

    /** Expired once its TTL elapsed (unless already confirmed) or when a test expired it by hand. */
    boolean expired(Instant now, java.time.Duration ttl) {
        return expiredByHand || (state != State.CONFIRMED && !now.isBefore(issuedAt.plus(ttl)));
    }
}
