package dev.webwxbot.core.internal.protocol;

import java.util.Objects;

/**
 * What webwxnewloginpage hands out (PROTOCOL.md 2.5). Secret: never log it. Immutable.
 *
 * @param skey the session key; may be refreshed by webwxinit/webwxsync's {@code SKey}
 * @param sid the session id ({@code wxsid})
 * @param uin the account number ({@code wxuin})
 * @param passTicket as received, i.e. already percent-encoded once (PROTOCOL.md 0.4)
 */
public record Credentials(String skey, String sid, long uin, String passTicket) {

    public Credentials {
        Objects.requireNonNull(skey, "skey");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(passTicket, "passTicket");
    }

    public Credentials withSkey(String newSkey) {
        return newSkey == null || newSkey.isEmpty() || newSkey.equals(skey)
                ? this : new Credentials(newSkey, sid, uin, passTicket);
    }

    @Override
    public String toString() {
        return "Credentials[uin=***, sid=***, skey=***, passTicket=***]";
    }
}
