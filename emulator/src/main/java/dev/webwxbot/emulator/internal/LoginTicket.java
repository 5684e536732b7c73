package dev.webwxbot.emulator.internal;

/** The single-use ticket a confirmed QR login hands out in its redirect_uri. Guarded by the {@link World} monitor. */
final class LoginTicket {
    final String ticket;
    final String uuid;
    final AccountState account;
    final boolean desktopRequested;
    boolean used;

    LoginTicket(String ticket, String uuid, AccountState account, boolean desktopRequested) {
        this.ticket = ticket;
        this.uuid = uuid;
        this.account = account;
        this.desktopRequested = desktopRequested;
    }
}
