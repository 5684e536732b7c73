package dev.webwxbot.emulator;

import dev.webwxbot.emulator.internal.AccountState;
import dev.webwxbot.emulator.internal.ContactState;
import dev.webwxbot.emulator.internal.World;

import java.util.Objects;

/**
 * The account's phone: scans and confirms QR logins, cancels them, writes from the phone and logs the web out.
 * Thread-safe; owned by its {@link Account}, nothing to close.
 */
public final class Phone {
    private final World world;
    private final AccountState account;

    Phone(World world, AccountState account) {
        this.world = world;
        this.account = account;
    }

    /** Scans the QR code of {@code uuid}: a held login poll answers {@code 201} with the avatar at once. */
    public void scan(String uuid) {
        world.qrLogins().scan(account, Objects.requireNonNull(uuid, "uuid"));
    }

    /**
     * Taps "log in" for the last scanned QR code or push-login prompt: the login poll answers {@code 200} with the
     * redirect.
     */
    public void confirm() {
        world.qrLogins().confirm(account);
    }

    /** Waits until a push login (webwxpushloginurl) shows its prompt on this phone; {@link #confirm()} accepts it. */
    public void awaitPushPrompt(java.time.Duration timeout) {
        world.qrLogins().awaitPushPrompt(account, timeout);
    }

    /** Whether a push-login prompt waits for an answer (ignoring it lets the uuid expire). */
    public boolean hasPushPrompt() {
        return world.qrLogins().hasPushPrompt(account);
    }

    /** Taps "cancel": the poll answers the configured cancel code (408 keeps the QR re-scannable, 202 ends it). */
    public void cancel() {
        world.qrLogins().cancel(account);
    }

    /** Writes {@code text} to {@code to} from the phone; web sessions receive it with FromUserName = self (9.7). */
    public void sendText(Contact to, String text) {
        ContactState target = to.state();
        if (target.owner() != account) {
            throw new IllegalArgumentException(to + " is not a contact of " + account.nickName());
        }
        world.delivery().phoneSendsText(account, target, Objects.requireNonNull(text, "text"));
    }

    /** Sends {@code body} to {@code to} from the phone: FromUserName = self, no group prefix (9.7); returns the MsgId. */
    public String send(Contact to, MessageBody body) {
        return world.delivery().deliver(account, null, to.state(), body.payload());
    }

    /** Withdraws a message sent from this phone: sessions get a 10002 with "你撤回了一条消息". */
    public String revoke(String msgId) {
        return world.delivery().revoke(account, null, Objects.requireNonNull(msgId, "msgId"));
    }

    /** Accepts the pending friend request of {@code requester}: ModContactList plus "你已添加了X，现在可以开始聊天了。". */
    public void acceptFriendRequest(Contact requester) {
        world.contactChanges().befriend(requester.state(), true);
    }

    /** "Log out of Web WeChat" on the phone: sessions end, synccheck answers {@code 1100}. */
    public void logoutWeb() {
        world.sessions().phoneLogsOut(account);
    }
}
