package dev.webwxbot.emulator.scenario;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.Emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts and contacts a scenario created, by scenario id. Built-in {@code filehelper} and {@code weixin}
 * are looked up per account. Thread-safe: the script thread adds friend requesters while others read.
 */
final class Cast {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
    private final Map<String, String> accountOfContact = new ConcurrentHashMap<>();

    /** Creates the world of {@code spec} in {@code emulator}, in file order. */
    static Cast populate(Emulator emulator, WorldSpec spec) {
        Cast cast = new Cast();
        for (WorldSpec.AccountSpec accountSpec : spec.accounts()) {
            Account account = emulator.addAccount(accountSpec.nickName()).setHostFamily(accountSpec.family());
            cast.accounts.put(accountSpec.id(), account);
            for (WorldSpec.PersonSpec person : accountSpec.people()) {
                Contact contact = switch (person.kind()) {
                    case FRIEND -> account.addFriend(person.nickName());
                    case STRANGER -> account.addStranger(person.nickName());
                    case OFFICIAL_ACCOUNT -> account.addOfficialAccount(person.nickName());
                    case GROUP, SPECIAL -> throw new IllegalStateException("not a person: " + person);
                };
                if (!person.alias().isEmpty()) {
                    contact.setAlias(person.alias());
                }
                if (!person.remark().isEmpty()) {
                    contact.modify(null, person.remark());
                }
                cast.put(accountSpec.id(), person.id(), contact);
            }
            for (WorldSpec.GroupSpec groupSpec : accountSpec.groups()) {
                Contact[] members = groupSpec.memberIds().stream().map(cast.contacts::get).toArray(Contact[]::new);
                Contact group = account.addGroup(groupSpec.name(), members);
                groupSpec.displayNames().forEach((memberId, name) ->
                        group.setMemberDisplayName(cast.contacts.get(memberId), name));
                cast.put(accountSpec.id(), groupSpec.id(), group);
            }
            generateLarge(account, accountSpec.large());
        }
        // Accounts that are friends of each other: the emulator carries what one's web client sends to the other.
        for (WorldSpec.AccountSpec accountSpec : spec.accounts()) {
            for (String other : accountSpec.friendAccounts()) {
                emulator.befriend(cast.accounts.get(accountSpec.id()), cast.accounts.get(other));
            }
        }
        return cast;
    }

    /** Generated friends "Friend 00001"…, then groups whose members are those friends and, beyond them, strangers. */
    private static void generateLarge(Account account, WorldSpec.LargeSpec large) {
        List<Contact> friends = new ArrayList<>(large.friends());
        for (int i = 1; i <= large.friends(); i++) {
            friends.add(account.addFriend(String.format("Friend %05d", i)));
        }
        for (int g = 1; g <= large.groups(); g++) {
            Contact[] members = new Contact[large.groupSize()];
            for (int m = 0; m < members.length; m++) {
                int index = (g - 1) * members.length + m;
                members[m] = index < friends.size() ? friends.get(index)
                        : account.addStranger(String.format("Member %d-%03d", g, m + 1));
            }
            account.addGroup("Large group " + g, members);
        }
    }

    void put(String accountId, String id, Contact contact) {
        contacts.put(id, contact);
        accountOfContact.put(id, accountId);
    }

    Account account(String accountId) {
        Account account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        return account;
    }

    Optional<Account> findAccount(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /** The contact {@code id} as seen from account {@code accountId} (built-ins resolve per account). */
    Contact contact(String accountId, String id) {
        return findContact(accountId, id).orElseThrow(() -> new IllegalArgumentException("no contact " + id));
    }

    Optional<Contact> findContact(String accountId, String id) {
        if (WorldSpec.BUILT_IN_IDS.contains(id)) {
            return findAccount(accountId).flatMap(account -> account.contacts().stream()
                    .filter(c -> c.kind() == ContactKind.SPECIAL && c.wxid().equals(id)).findFirst());
        }
        return Optional.ofNullable(contacts.get(id));
    }

    /** The contact {@code id} of any account (built-ins: of the first account that has one). */
    Optional<Contact> findAnyContact(String id) {
        Contact found = contacts.get(id);
        if (found != null) {
            return Optional.of(found);
        }
        return accounts.keySet().stream().map(accountId -> findContact(accountId, id)).flatMap(Optional::stream).findFirst();
    }
}
