package dev.webwxbot.core.internal.protocol;

/** What one login poll answered (PROTOCOL.md 2.4). Immutable. */
public sealed interface LoginPoll {

    /** 408: nothing happened within the server's hold; poll again. */
    record Waiting() implements LoginPoll {
    }

    /** 201: the QR code was scanned; the phone now asks its user to confirm. */
    record Scanned(String avatarDataUri) implements LoginPoll {
    }

    /** 200: confirmed; {@code redirectUri} leads to webwxnewloginpage on the account's API host. */
    record Confirmed(String redirectUri) implements LoginPoll {
    }

    /** 400: the uuid expired; a new QR code is needed. */
    record Expired() implements LoginPoll {
    }

    /** 202: the user tapped cancel on the phone; a new QR code is needed. */
    record Cancelled() implements LoginPoll {
    }

    /** Any other code (500, 0, …): a server-side error. */
    record Failed(int code) implements LoginPoll {
    }
}
