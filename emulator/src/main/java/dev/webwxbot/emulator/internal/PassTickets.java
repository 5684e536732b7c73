package dev.webwxbot.emulator.internal;

/**
 * Accepts pass_ticket the ways clients send it (PROTOCOL.md 0.4): single- or double-encoded, decoded, the literal
 * {@code undefined}, or missing.
 */
final class PassTickets {
    private PassTickets() {
    }

    /** {@code stored} is the value as the login XML carried it (percent-encoded). */
    static boolean accepts(String raw, String stored) {
        if (raw == null || raw.isEmpty() || raw.equals("undefined")) {
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
