package dev.webwxbot.launcher.emulator;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.safeoutput.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Finds accounts and contacts by what the operator types: a nickname (exact, then ignoring case), a remark name, a
 * wxid, or an account's uin. A name that fits several (or is in several accounts) is refused with the candidates,
 * so the operator adds {@code account/} or types the wxid. Stateless: reads the emulator's world at each call.
 * Thread-safe.
 */
final class WorldNames {

    /** What a lookup found: the thing, or why not (already sanitised for the terminal). */
    sealed interface Found<T> {
    }

    record One<T>(T value) implements Found<T> {
    }

    record Problem<T>(String message) implements Found<T> {
    }

    record Member(Account account, Contact group, Contact member) {
    }

    record Friend(Account account, Contact contact) {
    }

    private final Emulator emulator;

    WorldNames(Emulator emulator) {
        this.emulator = emulator;
    }

    /** {@code name} empty: the only account, or a problem when there are several. */
    Found<Account> account(String name) {
        List<Account> accounts = emulator.accounts();
        if (name.isEmpty()) {
            return accounts.size() == 1 ? new One<>(accounts.getFirst())
                    : new Problem<>(accounts.isEmpty() ? "no account" : "several accounts: say which, as ACCOUNT/… ("
                    + String.join(", ", accounts.stream().map(WorldNames::label).toList()) + ")");
        }
        List<Account> matches = pick(accounts, a -> a.nickName().equals(name) || Long.toString(a.uin()).equals(name)
                || a.wxid().equals(name), a -> a.nickName().equalsIgnoreCase(name));
        return one(matches, "account", name, WorldNames::label);
    }

    /** A friend, official account or special contact ({@code filehelper}) of one account that can write directly. */
    Found<Friend> friend(String accountName, String name) {
        List<Account> accounts = accountsFor(accountName);
        if (accounts.isEmpty()) return new Problem<>(((Problem<Account>) account(accountName)).message());
        List<Friend> candidates = new ArrayList<>();
        for (Account account : accounts) {
            for (Contact contact : account.contacts()) {
                if (contact.kind() != ContactKind.GROUP) candidates.add(new Friend(account, contact));
            }
        }
        return one(pick(candidates, f -> named(f.contact(), name), f -> namedIgnoringCase(f.contact(), name)),
                "contact", name, f -> label(f.account()) + "/" + label(f.contact()));
    }

    /** A member {@code memberName} of the group {@code groupName}. */
    Found<Member> member(String accountName, String groupName, String memberName) {
        List<Account> accounts = accountsFor(accountName);
        if (accounts.isEmpty()) return new Problem<>(((Problem<Account>) account(accountName)).message());
        List<Friend> groups = new ArrayList<>();
        for (Account account : accounts) {
            for (Contact contact : account.contacts()) {
                if (contact.kind() == ContactKind.GROUP) groups.add(new Friend(account, contact));
            }
        }
        Found<Friend> group = one(pick(groups, g -> named(g.contact(), groupName),
                g -> namedIgnoringCase(g.contact(), groupName)), "group", groupName,
                g -> label(g.account()) + "/" + label(g.contact()));
        if (!(group instanceof One<Friend>(Friend found))) return new Problem<>(((Problem<Friend>) group).message());
        Found<Contact> member = one(pick(found.contact().members(), m -> named(m, memberName),
                m -> namedIgnoringCase(m, memberName)), "member of " + label(found.contact()), memberName, WorldNames::label);
        return member instanceof One<Contact>(Contact m) ? new One<>(new Member(found.account(), found.contact(), m))
                : new Problem<>(((Problem<Contact>) member).message());
    }

    /** Every name worth completing: accounts, contacts with and without {@code account/}, groups' members. */
    List<String> completions() {
        List<Account> accounts = emulator.accounts();
        List<String> out = new ArrayList<>();
        for (Account account : accounts) {
            String prefix = accounts.size() > 1 ? typable(account.nickName(), account.wxid()) + "/" : "";
            for (Contact contact : account.contacts()) {
                String name = typable(contact.nickName(), contact.wxid());
                if (contact.kind() == ContactKind.GROUP) {
                    for (Contact member : contact.members()) {
                        out.add("@" + prefix + name + "/" + typable(member.nickName(), member.wxid()) + ":");
                    }
                } else {
                    out.add(prefix + name + ":");
                }
            }
        }
        return out;
    }

    static String label(Account account) {
        return TerminalText.clean(account.nickName()) + " (uin " + account.uin() + ")";
    }

    static String label(Contact contact) {
        return TerminalText.clean(contact.nickName()) + " (" + TerminalText.clean(contact.wxid()) + ")";
    }

    /** The nickname when it can be typed back in a console line, else the wxid. */
    static String typable(String nickName, String wxid) {
        boolean ok = !nickName.isBlank() && TerminalText.isClean(nickName) && nickName.indexOf(':') < 0
                && nickName.indexOf('/') < 0 && !nickName.startsWith("@") && nickName.equals(nickName.strip())
                && !ConsoleCommand.WORDS.contains(nickName.split("\\s+", 2)[0].toLowerCase(Locale.ROOT));
        return ok ? nickName : wxid;
    }

    private List<Account> accountsFor(String accountName) {
        if (accountName.isEmpty()) return emulator.accounts();
        return account(accountName) instanceof One<Account>(Account account) ? List.of(account) : List.of();
    }

    private static boolean named(Contact contact, String name) {
        return contact.nickName().equals(name) || contact.wxid().equals(name)
                || (!contact.remarkName().isEmpty() && contact.remarkName().equals(name));
    }

    private static boolean namedIgnoringCase(Contact contact, String name) {
        return contact.nickName().equalsIgnoreCase(name)
                || (!contact.remarkName().isEmpty() && contact.remarkName().equalsIgnoreCase(name));
    }

    /** The exact matches, or when there are none the loose ones. */
    private static <T> List<T> pick(List<T> all, Predicate<T> exact, Predicate<T> loose) {
        List<T> exactMatches = all.stream().filter(exact).toList();
        return exactMatches.isEmpty() ? all.stream().filter(loose).toList() : exactMatches;
    }

    private static <T> Found<T> one(List<T> matches, String what, String name,
                                    java.util.function.Function<T, String> label) {
        if (matches.size() == 1) return new One<>(matches.getFirst());
        String shown = "\"" + TerminalText.clean(name) + "\"";
        if (matches.isEmpty()) return new Problem<>("no " + what + " " + shown);
        return new Problem<>(shown + " is ambiguous: " + String.join(", ", matches.stream().map(label).toList())
                + " (add ACCOUNT/ or type the wxid)");
    }
}
