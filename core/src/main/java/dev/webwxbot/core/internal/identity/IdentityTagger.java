package dev.webwxbot.core.internal.identity;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and removes the bot's {@link IdentityTag}s in friends' remark names, through the session's account
 * operations (webwxoplog, PROTOCOL.md 8.2), so every write is paced by the session's send governor like any other
 * outgoing call. Only friends get one (the server keeps remark names for friends only), and only those for whom no
 * permanent id is known and whose remark carries no tag yet. Stateless; blocks the calling thread.
 */
public final class IdentityTagger {

    private static final Logger log = LoggerFactory.getLogger(IdentityTagger.class);

    /**
     * One remark name the bot changed.
     *
     * @param friend the contact as it was before the change
     * @param tag the tag written or removed
     * @param remarkName the remark name it now has
     */
    public record Change(Contact friend, String tag, String remarkName) {
    }

    private IdentityTagger() {
    }

    /**
     * Tags at most {@code limit} friends who have no permanent id and no tag, in address-book order: each gets its
     * remark name (or, without one, its nickname) followed by a new tag no other contact carries. A write the server
     * refuses ends the round, logged once; the friends left are tried at the next login.
     */
    public static List<Change> tag(Bot bot, int limit, RandomGenerator random) {
        Contacts contacts = bot.contacts();
        Set<String> taken = new HashSet<>();
        List<Contact> waiting = new ArrayList<>();
        for (Contact contact : contacts.all()) {
            Optional<String> tag = IdentityTag.of(contact.remarkName());
            tag.ifPresent(taken::add);
            boolean permanent = contacts.identity(contact).map(Identity::kind).filter(Identity.Kind.WXID::equals).isPresent();
            if (contact.kind() == ContactKind.FRIEND && tag.isEmpty() && !permanent) waiting.add(contact);
        }
        List<Change> written = new ArrayList<>();
        for (Contact friend : waiting) {
            if (written.size() >= limit) break;
            String tag = IdentityTag.fresh(random, taken);
            String remark = IdentityTag.written(friend.remarkName().isBlank() ? friend.nickName() : friend.remarkName(), tag);
            if (!applied(bot, friend, remark, "writing identity tag " + tag)) break;
            taken.add(tag);
            written.add(new Change(friend, tag, remark));
        }
        if (!waiting.isEmpty()) {
            log.info("identity tags: wrote {} (at most {} per login); {} friend(s) without a permanent id still untagged",
                    written.size(), limit, waiting.size() - written.size());
        }
        return written;
    }

    /**
     * Removes at most {@code limit} of the tags the bot wrote: the remark name goes back to the name before the tag,
     * or to none where that name was (the start of) the friend's nickname, which the bot had copied there.
     */
    public static List<Change> untag(Bot bot, int limit) {
        List<Change> removed = new ArrayList<>();
        int left = 0;
        for (Contact friend : bot.contacts().all()) {
            Optional<String> tag = IdentityTag.of(friend.remarkName());
            if (tag.isEmpty()) continue;
            if (removed.size() >= limit) {
                left++;
                continue;
            }
            String name = IdentityTag.withoutTag(friend.remarkName());
            String remark = friend.nickName().strip().startsWith(name) ? "" : name;
            if (!applied(bot, friend, remark, "removing identity tag " + tag.get())) break;
            removed.add(new Change(friend, tag.get(), remark));
        }
        if (!removed.isEmpty() || left > 0) {
            log.info("identity tags: removed {} (at most {} per login); {} left", removed.size(), limit, left);
        }
        return removed;
    }

    private static boolean applied(Bot bot, Contact friend, String remark, String what) {
        if (bot.account().setRemarkName(friend, remark) instanceof Result.Failed<Void> failed) {
            log.warn("{} failed ({} {}: {}); stopped there", what, failed.reason(), failed.code(),
                    failed.detail());
            return false;
        }
        return true;
    }
}
