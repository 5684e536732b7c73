package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.List;

/** The accounts of the world and the contacts in their address books. Guarded by the world monitor. */
public final class Accounts {
    private final World world;
    private final List<AccountState> accounts = new ArrayList<>();

    Accounts(World world) {
        this.world = world;
    }

    /** Adds an account with a unique uin; {@code filehelper} and {@code weixin} are built in. */
    public AccountState add(String nickName) {
        synchronized (world) {
            Ids ids = world.ids;
            AccountState account = new AccountState(uniqueUin(), ids.wxid(), nickName, ids.uvid(), ids.authTicket(),
                    ids.between(100_000_000L, 1_999_999_999L), ids.between(600_000_000L, 700_000_000L));
            accounts.add(account);
            account.fileHelper = newContact(account, ContactKind.SPECIAL, "filehelper", "文件传输助手", List.of());
            newContact(account, ContactKind.SPECIAL, "weixin", "微信团队", List.of());
            world.changed();
            return account;
        }
    }

    public List<AccountState> list() {
        synchronized (world) {
            return List.copyOf(accounts);
        }
    }

    /** The account whose uin is {@code uin} (decimal text), or {@code null}. */
    AccountState byUin(String uin) {
        if (uin == null) {
            return null;
        }
        String wanted = uin.trim();
        synchronized (world) {
            return accounts.stream().filter(a -> Long.toString(a.uin()).equals(wanted)).findFirst().orElse(null);
        }
    }

    /** Adds a friend, stranger, official account or group (whose members must be people of the same account). */
    public ContactState addContact(AccountState owner, ContactKind kind, String nickName, List<ContactState> members) {
        return addContact(owner, kind, null, nickName, members);
    }

    /**
     * As {@link #addContact(AccountState, ContactKind, String, List)} with a given permanent id ({@code null}: a new
     * one): another account of the world as a friend, or the copy of a group several accounts are in.
     */
    ContactState addContact(AccountState owner, ContactKind kind, String givenId, String nickName,
                            List<ContactState> members) {
        synchronized (world) {
            String id = givenId != null ? givenId : switch (kind) {
                case FRIEND, STRANGER -> world.ids.wxid();
                case OFFICIAL_ACCOUNT -> world.ids.officialAccountId();
                case GROUP -> world.ids.chatroomId();
                case SPECIAL -> throw new IllegalArgumentException("special accounts are built in");
            };
            if (kind == ContactKind.SPECIAL) {
                throw new IllegalArgumentException("special accounts are built in");
            }
            for (ContactState member : members) {
                if (member.owner() != owner || !isPerson(member)) {
                    throw new IllegalArgumentException(
                            "group members must be friends or strangers of the same account: " + member);
                }
            }
            ContactState contact = newContact(owner, kind, id, nickName, members);
            world.changed();
            return contact;
        }
    }

    /** Creates a contact in the owner's address book. Caller holds the world monitor. */
    ContactState newContact(AccountState owner, ContactKind kind, String id, String nickName,
                            List<ContactState> members) {
        ContactState contact = new ContactState(owner, kind, id, nickName,
                world.ids.between(600_000_000L, 700_000_000L),
                isPersonKind(kind) ? world.ids.between(10_000L, 200_000L) : 0L);
        contact.membersUnsafe().addAll(members);
        owner.contacts.add(contact);
        return contact;
    }

    public List<ContactState> contactsOf(AccountState account) {
        synchronized (world) {
            return List.copyOf(account.contacts);
        }
    }

    public List<ContactState> membersOf(ContactState group) {
        synchronized (world) {
            return List.copyOf(group.membersUnsafe());
        }
    }

    /** Friends and strangers can be group members; official accounts, groups and built-ins cannot. */
    static boolean isPerson(ContactState contact) {
        return isPersonKind(contact.kind());
    }

    private static boolean isPersonKind(ContactKind kind) {
        return kind == ContactKind.FRIEND || kind == ContactKind.STRANGER;
    }

    /** Caller holds the world monitor. */
    private long uniqueUin() {
        while (true) {
            long uin = world.ids.uin();
            if (accounts.stream().noneMatch(a -> a.uin() == uin)) {
                return uin;
            }
        }
    }
}
