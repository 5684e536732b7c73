package dev.webwxbot.server.store;

import com.typesafe.config.Config;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anti-revoke: when a friend or a group member withdraws a message the store kept, what was withdrawn is posted to
 * the notify chat (the text, or the saved media as the same kind) and a {@link RevokedMessage} carrying the original
 * is handed back to be raised like any event. Off by default; limited to chats like a plugin's chats scope.
 *
 * @param enabled {@code webwx-bot.anti-revoke.enabled}
 * @param notifyChat the chat to post to: {@code filehelper} (the owner), or a chat's remark, name or id
 * @param only chats it applies to ({@code friends}, {@code groups} or a chat's remark or name); empty: every chat
 * @param except chats it never applies to
 */
public record AntiRevoke(boolean enabled, String notifyChat, List<String> only, List<String> except) {

    private static final Logger log = LoggerFactory.getLogger(AntiRevoke.class);
    private static final String ROOT = "webwx-bot.anti-revoke";
    public static final AntiRevoke OFF = new AntiRevoke(false, "filehelper", List.of(), List.of());

    public AntiRevoke {
        only = List.copyOf(only);
        except = List.copyOf(except);
    }

    /** The {@code webwx-bot.anti-revoke} block; off when absent. */
    public static AntiRevoke read(Config config) {
        if (!config.hasPath(ROOT)) return OFF;
        Config block = config.getConfig(ROOT);
        return new AntiRevoke(block.getBoolean("enabled"), block.getString("notify"),
                block.hasPath("chats.only") ? block.getStringList("chats.only") : List.of(),
                block.hasPath("chats.except") ? block.getStringList("chats.except") : List.of());
    }

    /**
     * Recovers the message {@code notice} withdrew: posts it to the notify chat through {@code bot} and returns the
     * typed event to raise. Empty when off for this chat, when the revoker is not a friend or group member, or when
     * the store does not have the original. Blocks on the store and the sends (call it off the network thread).
     */
    public Optional<RevokedMessage> recover(String account, RevokeNotice notice, Bot bot, MessageLog messages) {
        if (!enabled || !applies(notice)) return Optional.empty();
        Optional<HistoryEntry> original = messages.byMsgId(account, notice.revokedMsgId());
        if (original.isEmpty()) {
            log.info("account {}: a revoked message ({}) is not in the store; nothing to recover", account,
                    notice.revokedMsgId());
            return Optional.empty();
        }
        post(account, original.get(), bot);
        return Optional.of(new RevokedMessage(notice.envelope(), notice, original.get()));
    }

    private boolean applies(RevokeNotice notice) {
        if (notice.envelope().fromSelf()) return false;
        Contact chat = notice.chat();
        boolean fromFriendOrMember = chat.isGroup() || chat.kind() == ContactKind.FRIEND;
        if (!fromFriendOrMember) return false;
        boolean included = only.isEmpty() || only.stream().anyMatch(entry -> matches(entry, chat));
        return included && except.stream().noneMatch(entry -> matches(entry, chat));
    }

    private static boolean matches(String entry, Contact chat) {
        return switch (entry) {
            case "friends" -> chat.kind() == ContactKind.FRIEND;
            case "groups" -> chat.isGroup();
            default -> entry.equals(chat.remarkName()) || entry.equals(chat.nickName());
        };
    }

    private void post(String account, HistoryEntry original, Bot bot) {
        Optional<Contact> target = target(bot);
        if (target.isEmpty()) {
            log.warn("account {}: anti-revoke cannot post: no chat named {}", account, notifyChat);
            return;
        }
        // "Alice in Alice revoked" says nothing more than "Alice revoked": the chat is named only for groups.
        boolean direct = original.chatName().equals(original.senderName());
        String who = original.senderName() + (direct ? "" : " in " + original.chatName()) + " revoked: ";
        Optional<Path> file = original.media().filter(Files::isRegularFile);
        Optional<Outgoing> media = file.map(path -> switch (original.kind()) {
            case "message.image" -> new Outgoing.Image(path);
            case "message.video" -> new Outgoing.Video(path);
            case "message.emoticon" -> new Outgoing.Emoticon(path);
            default -> new Outgoing.File(path); // files, and voice (which the web client cannot send as voice)
        });
        String text = media.isPresent() ? who + "[" + original.kind().replace("message.", "") + "]"
                : who + original.text();
        report(account, bot.send(target.get(), Outgoing.text(text)));
        media.ifPresent(outgoing -> report(account, bot.send(target.get(), outgoing)));
    }

    private Optional<Contact> target(Bot bot) {
        Optional<Contact> byId = bot.contacts().byUserName(notifyChat);
        if (byId.isPresent()) return byId;
        // A configured name, so exact: "Alice" must not mean "Alice Wong" when Alice is gone.
        return bot.contacts().findExact(notifyChat).stream().findFirst();
    }

    private static void report(String account, SendReceipt receipt) {
        if (receipt instanceof SendReceipt.Failed failed) {
            log.warn("account {}: anti-revoke could not post the revoked message: {} {}", account, failed.reason(),
                    failed.detail());
        }
    }
}
