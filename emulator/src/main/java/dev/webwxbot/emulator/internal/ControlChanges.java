package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The control API's routes that change an account's address book and groups, each the counterpart of a Java API
 * call ({@code Account.addFriend}, {@code Contact.modify}, {@code Contact.addMember}…) and told to live sessions the
 * same way. Contacts are named by permanent id; where a route names who did something ({@code Inviter}, {@code By},
 * {@code Owner}), the account's own wxid (or leaving the field out, where it is optional) means the account itself.
 *
 * <pre>
 * POST /__emulator/accounts/{uin}/friends | /strangers | /official-accounts   {"NickName"}
 * POST /__emulator/accounts/{uin}/groups   {"Name", "Members": [wxid…]}
 * POST /__emulator/accounts/{uin}/friend-accounts  {"Uin"}  befriend another account of the world (both ways)
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/modify      {"NickName"?, "RemarkName"?, "Alias"?}
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/head-image
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/flags       {"Starred"?, "Pinned"?, "Muted"?}
 * POST /__emulator/accounts/{uin}/contacts/{wxid}/delete
 * POST /__emulator/accounts/{uin}/groups/{group}/members      {"Member", "Inviter"?, "ViaQrCode"?}
 * POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/remove        {"By"?}
 * POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/quit
 * POST /__emulator/accounts/{uin}/groups/{group}/members/{member}/display-name  {"DisplayName"}
 * POST /__emulator/accounts/{uin}/groups/{group}/rename          {"Name", "By"?}
 * POST /__emulator/accounts/{uin}/groups/{group}/owner           {"Owner"}
 * POST /__emulator/accounts/{uin}/groups/{group}/remove-account  {"By"}
 * </pre>
 * Each answers the contact or group as it now is ({@link #describe}); delete answers {@code {}}.
 */
final class ControlChanges {
    private static final List<String> CONTACT_ACTIONS = List.of("modify", "head-image", "flags", "delete");
    private static final List<String> GROUP_ACTIONS = List.of("members", "rename", "owner", "remove-account");
    private static final List<String> MEMBER_ACTIONS = List.of("remove", "quit", "display-name");

    private final World world;

    ControlChanges(World world) {
        this.world = world;
    }

    /**
     * Answers a POST under {@code /__emulator/accounts/{uin}/} ({@code parts} from {@code accounts} on), or returns
     * {@code null} when the route is not one of these.
     *
     * @throws IllegalArgumentException for a missing or malformed field, an unknown wxid or a change the world's
     *                                  state forbids (the control API answers 400 with the message)
     */
    Object handle(AccountState account, String[] parts, JsonNode body) {
        if (parts.length == 3) {
            return switch (parts[2]) {
                case "friends" -> describe(world.contactChanges().add(account, ContactKind.FRIEND, text(body, "NickName")));
                case "strangers" -> describe(world.contactChanges().add(account, ContactKind.STRANGER, text(body, "NickName")));
                case "official-accounts" -> describe(world.contactChanges().add(account, ContactKind.OFFICIAL_ACCOUNT,
                        text(body, "NickName")));
                case "groups" -> describe(world.groupChanges().add(account, text(body, "Name"), members(account, body)));
                case "friend-accounts" ->
                        describe(world.betweenAccounts().befriend(account, otherAccount(body)).getFirst());
                default -> null;
            };
        }
        // The action is checked before the ids, so that an unknown route is a 404 whatever ids it names.
        if (parts.length == 5 && parts[2].equals("contacts") && CONTACT_ACTIONS.contains(parts[4])) {
            return contactRoute(contact(account, parts[3]), parts[4], body);
        }
        if (parts.length == 5 && parts[2].equals("groups") && GROUP_ACTIONS.contains(parts[4])) {
            return groupRoute(account, group(account, parts[3]), parts[4], body);
        }
        if (parts.length == 7 && parts[2].equals("groups") && parts[4].equals("members")
                && MEMBER_ACTIONS.contains(parts[6])) {
            return memberRoute(account, group(account, parts[3]), contact(account, parts[5]), parts[6], body);
        }
        return null;
    }

    private Object contactRoute(ContactState contact, String action, JsonNode body) {
        switch (action) {
            case "modify" -> {
                String nickName = optionalText(body, "NickName");
                String remark = optionalText(body, "RemarkName");
                String alias = optionalText(body, "Alias");
                if (nickName == null && remark == null && alias == null) {
                    throw new IllegalArgumentException("give at least one of NickName, RemarkName, Alias");
                }
                if (nickName != null && nickName.isEmpty()) {
                    throw new IllegalArgumentException("NickName cannot be empty");
                }
                if (contact.kind() == ContactKind.SPECIAL || contact.kind() == ContactKind.GROUP) {
                    throw new IllegalArgumentException("modify changes people and official accounts, not " + contact
                            + " (a group is renamed with groups/{group}/rename)");
                }
                world.contactChanges().modify(contact, nickName, remark, alias);
            }
            case "head-image" -> world.contactChanges().changeHeadImage(contact);
            case "flags" -> {
                Boolean starred = flag(body, "Starred");
                Boolean pinned = flag(body, "Pinned");
                Boolean muted = flag(body, "Muted");
                if (starred == null && pinned == null && muted == null) {
                    throw new IllegalArgumentException("give at least one of Starred, Pinned, Muted");
                }
                Map<ContactFlag, Boolean> flags = new java.util.EnumMap<>(ContactFlag.class);
                if (starred != null) {
                    flags.put(ContactFlag.STARRED, starred);
                }
                if (pinned != null) {
                    flags.put(ContactFlag.PINNED, pinned);
                }
                if (muted != null) {
                    flags.put(ContactFlag.MUTED, muted);
                }
                world.contactChanges().setFlags(contact, flags);
            }
            case "delete" -> {
                world.contactChanges().delete(contact);
                return Map.of();
            }
            default -> {
                return null;
            }
        }
        return describe(contact);
    }

    private Object groupRoute(AccountState account, ContactState group, String action, JsonNode body) {
        switch (action) {
            case "members" -> {
                ContactState member = contact(account, text(body, "Member"));
                ContactState by = actor(account, body, "Inviter", false);
                if (flag(body, "ViaQrCode") == Boolean.TRUE) {
                    world.groupChanges().memberJoinsByQrCode(group, member, by);
                } else {
                    world.groupChanges().memberJoins(group, member, by);
                }
            }
            case "rename" -> world.groupChanges().rename(group, text(body, "Name"), actor(account, body, "By", false));
            case "owner" -> world.groupChanges().transferOwnership(group, actor(account, body, "Owner", true));
            case "remove-account" -> {
                ContactState by = actor(account, body, "By", true);
                if (by == null) {
                    throw new IllegalArgumentException("By names the member who removes the account, not the account");
                }
                world.groupChanges().removeAccount(group, by);
            }
            default -> {
                return null;
            }
        }
        return describe(group);
    }

    private Object memberRoute(AccountState account, ContactState group, ContactState member, String action,
                               JsonNode body) {
        switch (action) {
            case "remove" -> world.groupChanges().memberLeaves(group, member, actor(account, body, "By", false));
            case "quit" -> world.groupChanges().memberQuits(group, member);
            case "display-name" -> {
                String displayName = optionalText(body, "DisplayName");
                if (displayName == null) {
                    throw new IllegalArgumentException("missing DisplayName (\"\" clears it)");
                }
                world.groupChanges().setMemberDisplayName(group, member, displayName);
            }
            default -> {
                return null;
            }
        }
        return describe(group);
    }

    /** A contact of the account by permanent id. */
    ContactState contact(AccountState account, String wxid) {
        return world.accounts().contactsOf(account).stream().filter(c -> c.permanentId().equals(wxid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contact " + wxid));
    }

    private ContactState group(AccountState account, String wxid) {
        ContactState group = contact(account, wxid);
        if (group.kind() != ContactKind.GROUP) {
            throw new IllegalArgumentException(wxid + " is not a group");
        }
        return group;
    }

    /** Who did it: {@code null} for the account (its own wxid, or the field left out when optional). */
    private ContactState actor(AccountState account, JsonNode body, String field, boolean required) {
        String wxid = required ? text(body, field) : optionalText(body, field);
        return wxid == null || wxid.equals(account.wxid()) ? null : contact(account, wxid);
    }

    private List<ContactState> members(AccountState account, JsonNode body) {
        JsonNode list = body.path("Members");
        if (!list.isArray()) {
            throw new IllegalArgumentException("Members must be an array of wxids");
        }
        List<ContactState> members = new ArrayList<>();
        for (JsonNode id : list) {
            if (!id.isTextual()) {
                throw new IllegalArgumentException("Members must be an array of wxids");
            }
            ContactState member = contact(account, id.asText());
            if (members.contains(member)) {
                throw new IllegalArgumentException(id.asText() + " is listed twice in Members");
            }
            members.add(member);
        }
        return members;
    }

    /** The contact as the control API shows it; a group adds its members, owner and whether the account is in it. */
    Map<String, Object> describe(ContactState contact) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", contact.permanentId());
        out.put("NickName", contact.nickName());
        out.put("Kind", contact.kind().name().toLowerCase(Locale.ROOT));
        out.put("UserName", world.sessions().userNameOf(contact));
        synchronized (world) {
            out.put("RemarkName", contact.remarkName());
            out.put("Alias", contact.alias());
            out.put("Starred", (contact.flagBits & ContactFlag.STARRED.bit) != 0);
            out.put("Pinned", (contact.flagBits & ContactFlag.PINNED.bit) != 0);
            out.put("Muted", (contact.flagBits & ContactFlag.MUTED.bit) != 0);
            if (contact.kind() == ContactKind.GROUP) {
                out.put("Members", contact.membersUnsafe().stream().map(ContactState::permanentId).toList());
                ContactState owner = GroupChanges.ownerOf(contact);
                out.put("Owner", owner == null ? contact.owner().wxid() : owner.permanentId());
                out.put("IncludesAccount", contact.accountInGroup);
            }
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    /** The account {@code Uin} names (a number, or its decimal text). */
    private AccountState otherAccount(JsonNode body) {
        JsonNode uin = body.get("Uin");
        if (uin == null || !(uin.isIntegralNumber() || uin.isTextual())) {
            throw new IllegalArgumentException("missing Uin (the uin of another account, a number)");
        }
        AccountState other = world.accounts().byUin(uin.asText());
        if (other == null) {
            throw new IllegalArgumentException("no account " + uin.asText());
        }
        return other;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.asText();
    }

    private static Boolean flag(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return node.booleanValue();
    }
}
