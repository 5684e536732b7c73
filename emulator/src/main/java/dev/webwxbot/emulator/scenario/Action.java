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

    /** A friend who added the account; {@code newContactId} names them for later steps. */
    record AddFriend(String newContactId, String nickName) implements Action {
    }

    /** A person or official account sets a new avatar. */
    record ChangeAvatar(String contact) implements Action {
    }

    /** The phone stars, pins or mutes a contact; {@code null} leaves a flag as it is. */
    record SetFlags(String contact, Boolean starred, Boolean pinned, Boolean muted) implements Action {
    }

    /**
     * {@code inviter} null: the account invited from the phone. With {@code viaQrCode} the member scanned the QR code
     * {@code inviter} (null: the account) shared.
     */
    record Join(String group, String member, String inviter, boolean viaQrCode) implements Action {
    }

    /** {@code remover} null: the account removed the member from the phone. */
    record Leave(String group, String member, String remover) implements Action {
    }

    /** The member leaves the group by themselves. */
    record Quit(String group, String member) implements Action {
    }

    /** The member {@code by} removes the account itself from the group. */
    record RemoveAccount(String group, String by) implements Action {
    }

    /** Ownership passes to the member {@code to}, or to the account when {@code to} is the account's id. */
    record TransferOwnership(String group, String to) implements Action {
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
