package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Friend and group management (PROTOCOL.md 8): {@code webwxverifyuser}, {@code webwxoplog},
 * {@code webwxcreatechatroom} and {@code webwxupdatechatroom}. Each changes the world, and sessions learn of it
 * through webwxsync's ModContactList (plus the 10000 lines the phone would show). Where the sources give no code
 * for a refusal, {@code Ret 1} (parameter error) is used; an operation on a non-friend answers {@code 1204}.
 */
final class AccountEndpoints {
    private static final int PARAMETER_ERROR = 1;
    private static final int NOT_A_FRIEND = 1204;
    /** webwxverifyuser opcodes (8.1). */
    private static final int SEND_REQUEST = 2;
    private static final int VERIFY_OK = 3;

    private final World world;
    private final SessionAuthenticator authenticator;

    AccountEndpoints(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    /** Opcode 3 accepts a pending request (an empty ticket is tolerated, 8.1); opcode 2 records a request. */
    void verifyUser(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, JsonCalls::bare);
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        int opcode = JsonBodies.scalarInt(body, "Opcode", -1);
        JsonNode first = body.path("VerifyUserList").path(0);
        String value = JsonBodies.scalarText(first, "Value");
        String ticket = SendEndpoint.orEmpty(JsonBodies.scalarText(first, "VerifyUserTicket"));
        ContactState contact;
        synchronized (world) {
            contact = call.session().contactOf(value);
        }
        if (contact == null) {
            ex.reply(JsonCalls.bare(PARAMETER_ERROR));
            return;
        }
        if (opcode == VERIFY_OK) {
            boolean pending;
            synchronized (world) {
                pending = contact.kind() == ContactKind.STRANGER && contact.pendingRequestTicket != null
                        && (ticket.isEmpty() || ticket.equals(contact.pendingRequestTicket));
            }
            if (!pending) {
                ex.reply(JsonCalls.bare(PARAMETER_ERROR));
                return;
            }
            world.contactChanges().befriend(contact, true);
        } else if (opcode == SEND_REQUEST && contact.kind() == ContactKind.STRANGER) {
            world.contactChanges().recordFriendRequestSent(call.session().account, contact,
                    SendEndpoint.orEmpty(JsonBodies.scalarText(body, "VerifyContent")));
        } else {
            ex.reply(JsonCalls.bare(PARAMETER_ERROR));
            return;
        }
        ex.reply(JsonCalls.bare(0));
    }

    /** CmdId 2 sets a remark name, CmdId 3 pins ({@code OP 1}) or unpins a chat; ModContactList follows either. */
    void opLog(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, JsonCalls::bare);
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        ContactState contact;
        synchronized (world) {
            contact = call.session().contactOf(JsonBodies.scalarText(body, "UserName"));
        }
        int cmdId = JsonBodies.scalarInt(body, "CmdId", -1);
        String remark = JsonBodies.scalarText(body, "RemarkName");
        if (contact == null || contact.kind() == ContactKind.SPECIAL || (cmdId != 2 && cmdId != 3)
                || (cmdId == 2 && remark == null)) {
            ex.reply(JsonCalls.bare(PARAMETER_ERROR));
            return;
        }
        if (cmdId == 2) {
            world.contactChanges().modify(contact, null, remark);
        } else if (contact.kind() == ContactKind.STRANGER) {
            ex.reply(JsonCalls.bare(PARAMETER_ERROR));
            return;
        } else {
            // 8.2: the pin shows as ContactFlag bit 2048 in a later ModContactList; OP 1 pins, anything else unpins.
            world.contactChanges().setFlag(contact, ContactFlag.PINNED, JsonBodies.scalarInt(body, "OP", 0) == 1);
        }
        ex.reply(JsonCalls.bare(0));
    }

    void createChatRoom(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, ret -> createFailure(ret));
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        WebSession session = call.session();
        List<ContactState> members = new ArrayList<>();
        synchronized (world) {
            for (JsonNode entry : body.path("MemberList")) {
                ContactState member = session.contactOf(JsonBodies.scalarText(entry, "UserName"));
                if (member == null || member.kind() != ContactKind.FRIEND) {
                    ex.reply(createFailure(member == null ? PARAMETER_ERROR : NOT_A_FRIEND));
                    return;
                }
                if (!members.contains(member)) {
                    members.add(member);
                }
            }
        }
        if (members.size() < 2) {
            ex.reply(createFailure(PARAMETER_ERROR));
            return;
        }
        String topic = SendEndpoint.orEmpty(JsonBodies.scalarText(body, "Topic"));
        ContactState group = world.groupChanges().create(session.account, topic, members);
        String userName;
        List<Wire.Member> view;
        synchronized (world) {
            userName = session.userNameOf(group);
            view = memberViews(session, members);
        }
        ex.reply(JsonBodies.json(new Wire.CreateChatRoomResponse(new Wire.BaseResponse(0, "Everything is OK"), topic,
                "", "", view.size(), view, userName, "")));
    }

    void updateChatRoom(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, AccountEndpoints::updateFailure);
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        WebSession session = call.session();
        String fun = ex.query().getIgnoreCase("fun");
        ContactState group;
        boolean accountInGroup;
        synchronized (world) {
            group = session.contactOf(JsonBodies.scalarText(body, "ChatRoomName"));
            accountInGroup = group != null && group.accountInGroup;
        }
        // A group the account was removed from is one it can no longer change; no source gives that refusal a code.
        if (group == null || group.kind() != ContactKind.GROUP || fun == null || !accountInGroup) {
            ex.reply(updateFailure(PARAMETER_ERROR));
            return;
        }
        switch (fun) {
            case "addmember" -> addMembers(ex, session, group, JsonBodies.scalarText(body, "AddMemberList"), false);
            case "invitemember" -> addMembers(ex, session, group, JsonBodies.scalarText(body, "InviteMemberList"),
                    true);
            case "delmember" -> removeMembers(ex, session, group, JsonBodies.scalarText(body, "DelMemberList"));
            case "modtopic" -> {
                String topic = JsonBodies.scalarText(body, "NewTopic");
                if (topic == null || topic.isEmpty()) {
                    ex.reply(updateFailure(PARAMETER_ERROR));
                    return;
                }
                world.groupChanges().rename(group, topic, null);
                ex.reply(JsonBodies.json(new Wire.UpdateChatRoomResponse(Wire.BaseResponse.OK, 0, List.of())));
            }
            default -> ex.reply(updateFailure(PARAMETER_ERROR));
        }
    }

    /**
     * Direct add makes the members join at once; an invitation only sends them invitation cards (8.4), so they join
     * when a test says they accepted ({@code Contact.acceptGroupInvitation}). Both answer with the members named.
     */
    private void addMembers(Exchange ex, WebSession session, ContactState group, String names, boolean invite) {
        List<ContactState> members = resolve(session, names);
        if (members == null || members.isEmpty()) {
            ex.reply(updateFailure(PARAMETER_ERROR));
            return;
        }
        synchronized (world) {
            for (ContactState member : members) {
                if (member.kind() != ContactKind.FRIEND) {
                    ex.reply(updateFailure(NOT_A_FRIEND));
                    return;
                }
                if (group.membersUnsafe().contains(member)) {
                    ex.reply(updateFailure(PARAMETER_ERROR));
                    return;
                }
            }
        }
        if (invite) {
            world.groupChanges().invite(group, members);
        } else {
            for (ContactState member : members) {
                world.groupChanges().memberJoins(group, member, null);
            }
        }
        List<Wire.Member> view;
        synchronized (world) {
            view = memberViews(session, members);
        }
        ex.reply(JsonBodies.json(new Wire.UpdateChatRoomResponse(Wire.BaseResponse.OK, view.size(), view)));
    }

    /** Only the owner may remove members; anyone else gets {@code Ret 1} (8.4, and the wwdk capture). */
    private void removeMembers(Exchange ex, WebSession session, ContactState group, String names) {
        List<ContactState> members = resolve(session, names);
        synchronized (world) {
            if (members == null || members.isEmpty() || !group.ownedByAccount
                    || !group.membersUnsafe().containsAll(members)) {
                ex.reply(updateFailure(PARAMETER_ERROR));
                return;
            }
        }
        for (ContactState member : members) {
            world.groupChanges().memberLeaves(group, member, null);
        }
        ex.reply(JsonBodies.json(new Wire.UpdateChatRoomResponse(Wire.BaseResponse.OK, 0, List.of())));
    }

    /** The contacts of a comma-separated UserName list, or {@code null} when one is unknown. */
    private List<ContactState> resolve(WebSession session, String names) {
        if (names == null) {
            return null;
        }
        List<ContactState> found = new ArrayList<>();
        synchronized (world) {
            for (String name : names.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                ContactState contact = session.contactOf(name.trim());
                if (contact == null) {
                    return null;
                }
                found.add(contact);
            }
        }
        return found;
    }

    /** Caller holds the World monitor. */
    private static List<Wire.Member> memberViews(WebSession session, List<ContactState> members) {
        List<Wire.Member> view = new ArrayList<>();
        for (ContactState member : members) {
            view.add(new Wire.Member(0, session.userNameOf(member), member.nickName(), 0, "", "", "", "", 0, "", ""));
        }
        return view;
    }

    private static Reply createFailure(int ret) {
        return JsonBodies.json(new Wire.CreateChatRoomResponse(Wire.BaseResponse.of(ret), "", "", "", 0, List.of(),
                "", ""));
    }

    private static Reply updateFailure(int ret) {
        return JsonBodies.json(new Wire.UpdateChatRoomResponse(Wire.BaseResponse.of(ret), 0, List.of()));
    }
}
