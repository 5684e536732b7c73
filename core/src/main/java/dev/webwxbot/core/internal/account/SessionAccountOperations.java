package dev.webwxbot.core.internal.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.send.OutgoingFailure;
import dev.webwxbot.core.internal.send.OutgoingGate;
import dev.webwxbot.core.internal.send.SessionLink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The friend and group operations of one session (PROTOCOL.md 8), each through the {@link OutgoingGate}. A new
 * group goes into the contact book from webwxcreatechatroom's answer; other changes arrive, as on the real server,
 * through the following webwxsync's ModContactList. Thread-safe; blocks the calling (plugin) thread.
 */
public final class SessionAccountOperations implements AccountOperations {
    private static final Logger log = LoggerFactory.getLogger(SessionAccountOperations.class);
    /** Opcodes of webwxverifyuser (8.1). */
    private static final int SEND_REQUEST = 2;
    private static final int VERIFY_OK = 3;

    private final ContactBook contacts;
    private final Supplier<SessionLink> link;
    private final OutgoingGate gate;

    public SessionAccountOperations(ContactBook contacts, Supplier<SessionLink> link, OutgoingGate gate) {
        this.contacts = contacts;
        this.link = link;
        this.gate = gate;
    }

    @Override
    public Result<Void> acceptFriendRequest(FriendRequest request) {
        return run("webwxverifyuser", request.userName(), online -> online.calls().account().verifyUser(
                online.credentials(), VERIFY_OK, request.userName(), request.ticket(), ""));
    }

    @Override
    public Result<Void> addFriend(String userName, String greeting) {
        if (userName == null || userName.isEmpty()) {
            return invalid("webwxverifyuser: no user name");
        }
        return run("webwxverifyuser", userName, online -> online.calls().account().verifyUser(
                online.credentials(), SEND_REQUEST, userName, "", greeting == null ? "" : greeting));
    }

    @Override
    public Result<Void> setRemarkName(Contact friend, String remarkName) {
        if (remarkName == null) {
            return invalid("webwxoplog: no remark name");
        }
        return run("webwxoplog", friend.userName(), online -> online.calls().account().setRemarkName(
                online.credentials(), friend.userName(), remarkName));
    }

    @Override
    public Result<Contact> createGroup(String topic, List<Contact> members) {
        if (members.size() < 2) {
            // The official page needs two others besides the creator (8.3: the creator is implicit).
            return invalid("webwxcreatechatroom: a group needs at least two members besides this account");
        }
        List<String> names = members.stream().map(Contact::userName).toList();
        return run("webwxcreatechatroom", "", online -> online.calls().account()
                .createChatRoom(online.credentials(), topic == null ? "" : topic, names)
                .thenApply(answer -> addCreatedGroup(answer, topic)));
    }

    @Override
    public Result<Void> addMembers(Contact group, List<Contact> members) {
        return update("addmember", group, joined(members));
    }

    @Override
    public Result<Void> inviteMembers(Contact group, List<Contact> members) {
        return update("invitemember", group, joined(members));
    }

    @Override
    public Result<Void> removeMembers(Contact group, List<Contact> members) {
        return update("delmember", group, joined(members));
    }

    @Override
    public Result<Void> renameGroup(Contact group, String topic) {
        if (topic == null || topic.isEmpty()) {
            return invalid("webwxupdatechatroom: an empty topic");
        }
        return update("modtopic", group, topic);
    }

    private Result<Void> update(String fun, Contact group, String value) {
        if (!group.isGroup()) {
            return invalid("webwxupdatechatroom: not a group: " + group.userName());
        }
        if (value.isEmpty()) {
            return invalid("webwxupdatechatroom: no members");
        }
        return run("webwxupdatechatroom", group.userName(), online -> online.calls().account()
                .updateChatRoom(online.credentials(), fun, group.userName(), value).thenApply(answer -> null));
    }

    /** Puts the new group into the contact book from the answer (its members as the answer lists them). */
    private Contact addCreatedGroup(JsonNode answer, String topic) {
        String userName = Json.text(answer, "ChatRoomName");
        if (userName.isEmpty()) {
            throw new OutgoingFailure(FailureReason.REJECTED, 0, "webwxcreatechatroom answered without ChatRoomName");
        }
        ObjectNode group = Json.MAPPER.createObjectNode();
        group.put("UserName", userName);
        group.put("NickName", topic == null ? "" : topic);
        group.put("MemberCount", answer.path("MemberList").size());
        group.set("MemberList", answer.path("MemberList").deepCopy());
        contacts.put(group);
        return contacts.resolve(userName);
    }

    private <T> Result<T> run(String operation, String chat, Function<SessionLink, CompletableFuture<T>> call) {
        SessionLink online = link.get();
        if (online == null) {
            return new Result.Failed<>(FailureReason.LOGGED_OUT, 0, operation + ": the session is not online");
        }
        try {
            return new Result.Ok<>(gate.submit(chat, () -> call.apply(online)).join());
        } catch (RuntimeException failure) {
            OutgoingFailure classified = OutgoingFailure.of(failure, operation, FailureReason.REJECTED);
            log.warn("{} failed ({}): {}", operation, classified.reason(), classified.getMessage());
            return new Result.Failed<>(classified.reason(), classified.code(), classified.getMessage());
        }
    }

    private static String joined(List<Contact> members) {
        return String.join(",", members.stream().map(Contact::userName).toList());
    }

    private static <T> Result<T> invalid(String detail) {
        return new Result.Failed<>(FailureReason.INVALID_REQUEST, 0, detail);
    }
}
