package dev.webwxbot.emulator.internal;

/**
 * Accepts pass_ticket the ways clients send it (PROTOCOL.md 0.4): single- or double-encoded, decoded, the literal
 * {@code undefined}, or missing; and the literal {@code pass_ticket}, which openwechat sends as the value on
 * {@code webwxsendvideomsg} (client-notes.md, openwechat) and which must not fail a strict check.
 */
final class PassTickets {
    private PassTickets() {
    }

    /** {@code stored} is the value as the login XML carried it (percent-encoded). */
    static boolean accepts(String raw, String stored) {
        if (raw == null || raw.isEmpty() || raw.equals("undefined") || raw.equals("pass_ticket")) {
            return true;
        }
        String storedDecoded = QueryString.percentDecode(stored);
        String once = QueryString.percentDecode(raw);
        String twice = QueryString.percentDecode(once);
        for (String candidate : new String[] {raw, once, twice}) {
            if (candidate.equals(stored) || candidate.equals(storedDecoded)) {
                return true;
            }
        }
        return false;
    }
}
