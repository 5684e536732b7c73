package dev.webwxbot.core;

import dev.webwxbot.api.Contact;

/** Steps of logging in, in the order they happen, for a launcher to show. Immutable. */
public sealed interface LoginProgress {

    /**
     * A QR code to show; the phone scans it.
     *
     * @param uuid the login uuid
     * @param content the text the QR code encodes
     */
    record QrCode(String uuid, String content) implements LoginProgress {
    }

    /**
     * A login request was pushed to the phone of the account saved last time (PROTOCOL.md 2.7); its user confirms
     * there and no QR code is needed. If the phone declines or ignores it, a {@link QrCode} follows.
     *
     * @param uuid the login uuid the push answered
     */
    record PushSent(String uuid) implements LoginProgress {
    }

    /** The phone scanned the code and asks its user to confirm; {@code avatar} is a data URI, possibly empty. */
    record Scanned(String avatar) implements LoginProgress {
    }

    /** The code expired or was cancelled on the phone; a new {@link QrCode} follows. */
    record QrExpired() implements LoginProgress {
    }

    /** The phone confirmed; the session is being set up. */
    record Confirmed() implements LoginProgress {
    }

    /** The address book is loading; {@code loaded} contacts so far. */
    record LoadingContacts(int loaded) implements LoginProgress {
    }

    /** Online: messages are being received. */
    record Online(Contact self, int contacts) implements LoginProgress {
    }
}
