package dev.webwxbot.server.account;

import dev.webwxbot.api.Contact;
import java.util.Objects;
import java.util.Optional;

/**
 * What an account is doing, as one consistent snapshot. Immutable.
 *
 * @param state where it is in its life
 * @param reason why it is {@link AccountState#LOGGED_OUT} (a {@code LoggedOut.Reason} name, or
 *     {@code LOGIN_FAILED}); empty otherwise
 * @param detail a sentence on the reason; empty when there is nothing to add
 * @param self the logged-in account once known
 * @param qrContent the QR code's content (the login URL) while one waits to be scanned
 */
public record AccountStatus(AccountState state, String reason, String detail, Optional<Contact> self,
                            Optional<String> qrContent) {

    static final AccountStatus STOPPED = new AccountStatus(AccountState.STOPPED, "", "", Optional.empty(), Optional.empty());

    public AccountStatus {
        Objects.requireNonNull(state, "state");
        reason = Objects.requireNonNullElse(reason, "");
        detail = Objects.requireNonNullElse(detail, "");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(qrContent, "qrContent");
    }

    AccountStatus with(AccountState newState) {
        return new AccountStatus(newState, "", "", self, Optional.empty());
    }

    AccountStatus waitingForScan(String qr) {
        return new AccountStatus(AccountState.WAITING_FOR_SCAN, "", "", self, Optional.of(qr));
    }

    AccountStatus online(Contact account) {
        return new AccountStatus(AccountState.ONLINE, "", "", Optional.of(account), Optional.empty());
    }

    AccountStatus loggedOut(String why, String more) {
        return new AccountStatus(AccountState.LOGGED_OUT, why, more, self, Optional.empty());
    }
}
