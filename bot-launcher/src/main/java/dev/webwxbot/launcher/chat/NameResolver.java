package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.DidYouMean;
import dev.webwxbot.safeoutput.TerminalText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the NAME of a command into one chat, with the plugins' search ({@link Contacts#find}): the raw UserName
 * ({@code @…}, {@code @@…}, {@code filehelper}); else the one chat with the whole name; else the one chat the search
 * finds (a part of a name, any case, pinyin). Several, or none, is an error that lists the candidates, best match
 * first. Group members who are not friends are left out: they cannot be written to. Stateless over a live address
 * book; thread-safe.
 */
final class NameResolver {

    /** How many candidates an error lists at most. */
    static final int MAX_LISTED = 8;

    sealed interface Resolution {
    }

    record Found(Contact contact) implements Resolution {
    }

    /** Several chats: {@code whole} when each has the name as a whole, else each matched only part of it. */
    record Ambiguous(String name, List<Contact> candidates, boolean whole) implements Resolution {
    }

    /** No chat: {@code similar} holds chats whose name is a typo or two away. */
    record Unknown(String name, List<Contact> similar) implements Resolution {
    }

    private final Contacts contacts;

    NameResolver(Contacts contacts) {
        this.contacts = contacts;
    }

    Resolution resolve(String name) {
        Optional<Contact> byId = contacts.byUserName(name);
        if (byId.isPresent()) return new Found(byId.get());
        List<Contact> whole = chats(contacts.findExact(name));
        if (whole.size() == 1) return new Found(whole.getFirst());
        if (whole.size() > 1) return new Ambiguous(name, whole, true);
        List<Contact> found = chats(contacts.find(name));
        if (found.size() == 1) return new Found(found.getFirst());
        if (found.size() > 1) return new Ambiguous(name, found, false);
        return new Unknown(name, similar(name));
    }

    /** The chats among {@code contacts}: everything but strangers, whom no message can reach. */
    static List<Contact> chats(List<Contact> contacts) {
        return contacts.stream().filter(contact -> contact.kind() != ContactKind.STRANGER).distinct().toList();
    }

    /** The names a contact can be typed as, besides its UserName. */
    static List<String> names(Contact contact) {
        return Stream.of(contact.remarkName(), contact.nickName(), contact.alias())
                .filter(n -> !n.isEmpty()).distinct().toList();
    }

    /**
     * Chats with a name, or the start of one, a typo or two from what was typed ({@link DidYouMean}'s measure);
     * nothing for fewer than three characters, a typo away from nearly everything.
     */
    private List<Contact> similar(String name) {
        String typed = Contacts.normalizeName(name);
        if (typed.length() < 3) return List.of();
        return chats(contacts.all()).stream()
                .filter(contact -> DidYouMean.closest(typed, names(contact).stream()
                        .map(Contacts::normalizeName)
                        .flatMap(known -> Stream.of(known, known.substring(0, Math.min(known.length(), typed.length()))))
                        .toList()).isPresent())
                .sorted(Comparator.comparing(Contact::displayName))
                .limit(MAX_LISTED)
                .toList();
    }

    /** A one-line error for a failed resolution, naming each candidate so the user can pick one by UserName. */
    static String explain(Resolution resolution) {
        return switch (resolution) {
            case Found found -> "found " + describe(found.contact());
            case Ambiguous ambiguous when ambiguous.whole() -> "'" + TerminalText.clean(ambiguous.name()) + "' is "
                    + ambiguous.candidates().size() + " contacts; use the UserName: " + list(ambiguous.candidates());
            case Ambiguous ambiguous -> "'" + TerminalText.clean(ambiguous.name()) + "' fits "
                    + ambiguous.candidates().size() + " contacts; type more of the name or use the UserName: "
                    + list(ambiguous.candidates());
            case Unknown unknown -> "no contact is called '" + TerminalText.clean(unknown.name()) + "'"
                    + (unknown.similar().isEmpty() ? "" : "; did you mean: " + list(unknown.similar()));
        };
    }

    /** {@code Alice (nickname Alice Liu, @abc…)}: what a person needs to tell two contacts apart. */
    static String describe(Contact contact) {
        StringBuilder out = new StringBuilder(TerminalText.clean(contact.displayName()));
        List<String> details = new ArrayList<>();
        if (!contact.remarkName().isEmpty() && !contact.nickName().isEmpty()) {
            details.add("nickname " + TerminalText.clean(contact.nickName()));
        }
        if (!contact.alias().isEmpty()) details.add("alias " + TerminalText.clean(contact.alias()));
        if (contact.isGroup()) details.add("group");
        details.add(TerminalText.clean(contact.userName()));
        return out.append(" (").append(String.join(", ", details)).append(')').toString();
    }

    private static String list(List<Contact> candidates) {
        String listed = candidates.stream().limit(MAX_LISTED).map(NameResolver::describe)
                .collect(Collectors.joining("; "));
        return candidates.size() > MAX_LISTED ? listed + "; …" : listed;
    }
}
