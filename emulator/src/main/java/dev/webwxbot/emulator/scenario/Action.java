package dev.webwxbot.emulator.scenario;

import java.util.List;
import java.util.Map;

/** What a script step does (the {@code do} key). Contact references are scenario ids. Immutable. */
sealed interface Action {

    /** Every {@code do} value, in declaration order, for error messages and docs. */
    List<String> NAMES = FileNames.ofPermitted(Action.class);

    /** The {@code do} value, as written in files: the record's name in kebab case. */
    default String name() {
        return FileNames.of(getClass());
    }

    record ScanAndConfirm() implements Action {
    }

    record Scan() implements Action {
    }

    record Confirm() implements Action {
    }

    record Cancel() implements Action {
    }

    record Logout() implements Action {
    }

    record Wait() implements Action {
    }

    /**
     * A message: {@code from} a contact (to the account, or inside group {@code in}), or from the account's phone
     * ({@code from = phone}) {@code to} a contact.
     */
    record Send(String from, String to, String in, MessageSpec message) implements Action {
    }

    /** Withdraws the message an earlier send step delivered; its writer withdraws it. */
    record Revoke(String messageStepId) implements Action {
    }

    /** A stranger asks to be added; {@code newContactId} names them for later steps. */
    record FriendRequest(String newContactId, String nickName, String greeting) implements Action {
    }

    /** The phone accepts the pending request of {@code requester}. */
    record AcceptRequest(String requester) implements Action {
    }

    /** The stranger {@code contact} accepts the account's request. */
    record RequestAccepted(String contact) implements Action {
    }

    /** Changes nickname, remark or alias; {@code null} leaves a value as it is. */
    record ModifyContact(String contact, String nickName, String remark, String alias) implements Action {
    }

    record DeleteContact(String contact) implements Action {
    }

    record SetDisplayName(String group, String member, String displayName) implements Action {
    }

    /** {@code inviter} null: the account invited from the phone. */
    record Join(String group, String member, String inviter) implements Action {
    }

    /** {@code remover} null: the account removed the member from the phone. */
    record Leave(String group, String member, String remover) implements Action {
    }

    /** {@code by} null: the account renamed the group from the phone. */
    record RenameGroup(String group, String newName, String by) implements Action {
    }

    /**
     * A captured AddMsgList entry as JSON; {@code from} null lets the emulator pick the sender. {@code userNames}
     * (a replayed recording only) maps recorded UserNames to contact ids, {@code self} for the account.
     */
    record Raw(String json, String from, Map<String, String> userNames) implements Action {
        Raw(String json, String from) {
            this(json, from, Map.of());
        }
    }
}
