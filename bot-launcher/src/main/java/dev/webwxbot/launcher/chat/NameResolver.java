package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.safeoutput.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the NAME of a command into one contact: the raw UserName ({@code @…}, {@code @@…}, {@code filehelper}),
 * else a remark name, nickname or alias equal to it. Two contacts with that name, or none, is an error that lists
 * the candidates. Stateless over a live address book; thread-safe.
 */
final class NameResolver {

    /** How many candidates an error lists at most. */
    static final int MAX_LISTED = 8;

    sealed interface Resolution {
    }

    record Found(Contact contact) implements Resolution {
    }

    record Ambiguous(String name, List<Contact> candidates) implements Resolution {
    }

    record Unknown(String name, List<Contact> similar) implements Resolution {
    }

    private final Contacts contacts;

    NameResolver(Contacts contacts) {
        this.contacts = contacts;
    }

    Resolution resolve(String name) {
        Optional<Contact> byId = contacts.byUserName(name);
        if (byId.isPresent()) return new Found(byId.get());
        Set<Contact> matches = new LinkedHashSet<>(contacts.find(name));
        if (matches.size() == 1) return new Found(matches.iterator().next());
        if (matches.size() > 1) return new Ambiguous(name, List.copyOf(matches));
        String lower = name.toLowerCase(Locale.ROOT);
        List<Contact> similar = contacts.all().stream()
                .filter(contact -> names(contact).stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).contains(lower)))
                .limit(MAX_LISTED)
                .toList();
        return new Unknown(name, similar);
    }

    /** The names a contact can be typed as, besides its UserName. */
    static List<String> names(Contact contact) {
        return Stream.of(contact.remarkName(), contact.nickName(), contact.alias())
                .filter(n -> !n.isEmpty()).distinct().toList();
    }

    /** A one-line error for a failed resolution, naming each candidate so the user can pick one by UserName. */
    static String explain(Resolution resolution) {
        return switch (resolution) {
            case Found found -> "found " + describe(found.contact());
            case Ambiguous ambiguous -> "'" + TerminalText.clean(ambiguous.name()) + "' is "
                    + ambiguous.candidates().size() + " contacts; use the UserName: " + list(ambiguous.candidates());
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
