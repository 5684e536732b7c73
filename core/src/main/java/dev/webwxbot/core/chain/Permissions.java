package dev.webwxbot.core.chain;

import com.typesafe.config.ConfigUtil;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.core.internal.identity.IdentityTag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's roles for one account: {@code owners}, {@code admins} and {@code blocked} people everywhere, and
 * per group its own {@code admins}, each person named by {@link Identity} in its configuration form
 * ({@code "wxid:wxid_abc"}, {@code "remark:Boss"}, {@code "nick:Bob"}; a bare {@code wxid_…} or {@code …@chatroom}
 * is a wxid, any other bare text a remark name). A group is named by its identity ({@code "wxid:123@chatroom"}) or
 * by its name (remark name or topic, exactly). Immutable.
 *
 * @param owners who is trusted with everything
 * @param admins who may run administrative commands everywhere
 * @param blocked whose messages no main or fallback handler sees
 * @param groups per group (as the configuration names it) that group's admins
 */
public record Permissions(List<Identity> owners, List<Identity> admins, List<Identity> blocked,
                          Map<String, List<Identity>> groups) {

    /** Nobody named: everyone is a member or anyone, the account itself the owner. */
    public static final Permissions NONE = new Permissions(List.of(), List.of(), List.of(), Map.of());

    static final List<String> KEYS = List.of("owners", "admins", "blocked", "groups");
    private static final List<String> GROUP_KEYS = List.of("admins");

    public Permissions {
        owners = List.copyOf(owners);
        admins = List.copyOf(admins);
        blocked = List.copyOf(blocked);
        Map<String, List<Identity>> copy = new LinkedHashMap<>();
        groups.forEach((group, list) -> copy.put(group, List.copyOf(list)));
        groups = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a {@code permissions} block: {@code owners}, {@code admins}, {@code blocked} (lists of identities) and
     * {@code groups { "<group>" { admins = [...] } }}; a key left out names nobody.
     *
     * @throws InvalidSettingsException naming the key for an unknown key, a value of the wrong type or an empty entry
     */
    public static Permissions read(PluginSettings block) {
        List<InvalidSettingsException> unknown = block.unknownKeys(KEYS);
        if (!unknown.isEmpty()) throw unknown.getFirst();
        Map<String, List<Identity>> groups = new LinkedHashMap<>();
        if (block.has("groups")) {
            PluginSettings all = block.section("groups");
            for (String group : all.keys()) {
                String path = ConfigUtil.joinPath(group);
                if (group.isBlank()) throw all.invalid(path, "a group needs a name or an identity");
                PluginSettings one = all.section(path);
                List<InvalidSettingsException> wrong = one.unknownKeys(GROUP_KEYS);
                if (!wrong.isEmpty()) throw wrong.getFirst();
                groups.put(group, identities(one, "admins"));
            }
        }
        return new Permissions(identities(block, "owners"), identities(block, "admins"),
                identities(block, "blocked"), groups);
    }

    private static List<Identity> identities(PluginSettings block, String key) {
        if (!block.has(key)) return List.of();
        List<Identity> found = new ArrayList<>();
        for (String entry : block.stringList(key)) {
            try {
                found.add(Identity.parse(entry.strip()));
            } catch (IllegalArgumentException e) {
                throw block.invalid(key, "'" + entry + "' is not an identity: write wxid:…, remark:… or nick:…");
            }
        }
        return found;
    }

    /** The admins the operator named for {@code group}, by its identity or its name. */
    List<Identity> adminsOf(Contact group, Contacts contacts) {
        List<Identity> found = new ArrayList<>();
        groups.forEach((name, list) -> {
            if (namesChat(name, group, contacts)) found.addAll(list);
        });
        return found;
    }

    /**
     * Whether the configuration's {@code entry} names {@code chat}: an identity form ({@code wxid:}, {@code tag:},
     * {@code remark:}, {@code nick:}) as {@link #matches} says, anything else its remark name or nickname exactly.
     */
    static boolean namesChat(String entry, Contact chat, Contacts contacts) {
        if (hasIdentityPrefix(entry)) return matches(Identity.parse(entry), chat, contacts.identity(chat));
        return entry.equals(IdentityTag.withoutTag(chat.remarkName())) || entry.equals(chat.nickName());
    }

    static boolean hasIdentityPrefix(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) return false;
        String prefix = entry.substring(0, colon);
        for (Identity.Kind kind : Identity.Kind.values()) {
            if (kind.prefix().equals(prefix)) return true;
        }
        return false;
    }

    /** Whether any of {@code entries} names this person. */
    static boolean anyMatches(List<Identity> entries, Contact person, Optional<Identity> identity) {
        for (Identity entry : entries) {
            if (matches(entry, person, identity)) return true;
        }
        return false;
    }

    /**
     * Whether {@code entry} names this contact: a wxid or tag only the contact whose identity it is; a remark name
     * or nickname any contact carrying that name (compared as {@link Contacts#normalizeName} does), since the
     * operator who writes a name accepts a name's reliability. A remark name is compared without the identity tag the
     * bot may have added to it, so {@code remark:Alice} still names "Alice #wb7k2".
     */
    static boolean matches(Identity entry, Contact contact, Optional<Identity> identity) {
        return switch (entry.kind()) {
            case WXID, TAG -> identity.filter(entry::equals).isPresent();
            case REMARK -> sameName(entry.value(), IdentityTag.withoutTag(contact.remarkName()));
            case NICKNAME -> sameName(entry.value(), contact.nickName());
        };
    }

    private static boolean sameName(String wanted, String name) {
        return !name.isBlank() && Contacts.normalizeName(wanted).equals(Contacts.normalizeName(name));
    }
}
