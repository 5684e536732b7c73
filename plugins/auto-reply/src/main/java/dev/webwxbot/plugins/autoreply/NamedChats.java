package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chats actions name ({@code send-to}, {@code forward-to}, {@code invite-to}, {@code remove-from}), found in an
 * account's address book with {@link Contacts#findExact}: exactly one chat must carry the name. A name that fits no
 * chat or several is a problem reported with the action's file and line and a "did you mean" over the chats the
 * account has: when the rules are checked against an online account (at load, at each login), and at run time,
 * where the action is then skipped. At run time each rule and name is logged once per rule set, not at every event.
 * Thread-safe.
 */
final class NamedChats {

    private static final Logger log = LoggerFactory.getLogger(NamedChats.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * The chat {@code chat} names, or empty after logging (once per rule and name) why there is none.
     */
    Optional<Contact> resolve(Rule rule, Action action, Action.NamedChat chat, Contacts contacts) {
        List<Contact> found = found(chat, contacts);
        if (found.size() == 1) return Optional.of(found.getFirst());
        Optional<String> problem = problem(chat, found, contacts);
        if (warned.add(rule.key() + "\u0000" + chat.key() + "\u0000" + chat.name())) {
            log.warn("auto-reply: {}: {}; the action is skipped, the rule's other actions go on",
                    LogNames.clean(action.site().describe(rule.label(), chat.key())), LogNames.clean(problem.get()));
        }
        return Optional.empty();
    }

    /** One line per named chat of {@code rules} that {@code contacts} cannot resolve, with where it is written. */
    static List<String> check(List<Rule> rules, Contacts contacts) {
        List<String> problems = new ArrayList<>();
        for (Rule rule : rules) {
            for (Action action : rule.actions()) {
                for (Action.NamedChat chat : action.namedChats()) {
                    problem(chat, found(chat, contacts), contacts).ifPresent(why ->
                            problems.add(action.site().describe(rule.label(), chat.key()) + ": " + why));
                }
            }
        }
        return problems;
    }

    private static List<Contact> found(Action.NamedChat chat, Contacts contacts) {
        return contacts.findExact(chat.name()).stream().filter(c -> !chat.mustBeGroup() || c.isGroup()).toList();
    }

    /** Why {@code found}, the chats that carry the name, is not one chat; empty when it is. */
    private static Optional<String> problem(Action.NamedChat chat, List<Contact> found, Contacts contacts) {
        if (found.size() == 1) return Optional.empty();
        String what = chat.mustBeGroup() ? "group" : "chat";
        if (found.isEmpty()) {
            Set<String> known = new TreeSet<>();
            for (Contact contact : contacts.all()) {
                if (chat.mustBeGroup() && !contact.isGroup()) continue;
                if (contact.kind() == ContactKind.SELF) continue;
                Stream.of(contact.nickName(), contact.remarkName(), contact.alias(),
                                contact.kind() == ContactKind.SPECIAL ? contact.userName() : "")
                        .filter(name -> !name.isBlank()).forEach(known::add);
            }
            return Optional.of("no " + what + " is named '" + chat.name() + "'" + DidYouMean.closest(chat.name(), known)
                    .map(s -> "; did you mean " + s + "?").orElse(""));
        }
        return Optional.of(found.size() + " " + what + "s are named '" + chat.name() + "'; give the one you mean a"
                + " remark name and use that");
    }
}
