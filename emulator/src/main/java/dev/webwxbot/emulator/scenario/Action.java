package dev.webwxbot.emulator.scenario;

import java.util.List;

/** What a script step does (the {@code do} key). Contact references are scenario ids. Immutable. */
sealed interface Action {

    /** The {@code do} value, as written in files. */
    String name();

    record ScanAndConfirm() implements Action {
        public String name() {
            return "scan-and-confirm";
        }
    }

    record Scan() implements Action {
        public String name() {
            return "scan";
        }
    }

    record Confirm() implements Action {
        public String name() {
            return "confirm";
        }
    }

    record Cancel() implements Action {
        public String name() {
            return "cancel";
        }
    }

    record Logout() implements Action {
        public String name() {
            return "logout";
        }
    }

    record Wait() implements Action {
        public String name() {
            return "wait";
        }
    }

    /**
     * A message: {@code from} a contact (to the account, or inside group {@code in}), or from the account's phone
     * ({@code from = phone}) {@code to} a contact.
     */
    record Send(String from, String to, String in, MessageSpec message) implements Action {
        public String name() {
            return "send";
        }
    }

    /** Withdraws the message an earlier send step delivered; its writer withdraws it. */
    record Revoke(String messageStepId) implements Action {
        public String name() {
            return "revoke";
        }
    }

    /** A stranger asks to be added; {@code newContactId} names them for later steps. */
    record FriendRequest(String newContactId, String nickName, String greeting) implements Action {
        public String name() {
            return "friend-request";
        }
    }

    /** The phone accepts the pending request of {@code requester}. */
    record AcceptRequest(String requester) implements Action {
        public String name() {
            return "accept-request";
        }
    }

    /** The stranger {@code contact} accepts the account's request. */
    record RequestAccepted(String contact) implements Action {
        public String name() {
            return "request-accepted";
        }
    }

    /** Changes nickname, remark or alias; {@code null} leaves a value as it is. */
    record ModifyContact(String contact, String nickName, String remark, String alias) implements Action {
        public String name() {
            return "modify-contact";
        }
    }

    record DeleteContact(String contact) implements Action {
        public String name() {
            return "delete-contact";
        }
    }

    record SetDisplayName(String group, String member, String displayName) implements Action {
        public String name() {
            return "set-display-name";
        }
    }

    /** {@code inviter} null: the account invited from the phone. */
    record Join(String group, String member, String inviter) implements Action {
        public String name() {
            return "join";
        }
    }

    /** {@code remover} null: the account removed the member from the phone. */
    record Leave(String group, String member, String remover) implements Action {
        public String name() {
            return "leave";
        }
    }

    /** {@code by} null: the account renamed the group from the phone. */
    record RenameGroup(String group, String newName, String by) implements Action {
        public String name() {
            return "rename-group";
        }
    }

    /** A captured AddMsgList entry as JSON; {@code from} null lets the emulator pick the sender. */
    record Raw(String json, String from) implements Action {
        public String name() {
            return "raw";
        }
    }

    /** Every {@code do} value, for error messages and docs. */
    List<String> NAMES = List.of("scan-and-confirm", "scan", "confirm", "cancel", "logout", "wait", "send", "revoke",
            "friend-request", "accept-request", "request-accepted", "modify-contact", "delete-contact",
            "set-display-name", "join", "leave", "rename-group", "raw");
}
