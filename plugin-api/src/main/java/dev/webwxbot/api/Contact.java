package dev.webwxbot.api;

import java.util.Objects;

/**
 * A person, group, official account or special account as the session knows it. Immutable.
 *
 * <p>{@code userName} is the protocol's session-scoped id: it changes at every login, so store names, not ids,
 * when something must survive a restart.
 *
 * @param userName the session-scoped id; never empty
 * @param nickName the name the contact chose; empty when unknown
 * @param remarkName the name the logged-in user gave the contact; empty when none
 * @param alias the contact's WeChat id; often empty
 * @param kind what sort of contact this is
 * @param groupDisplayName for a group member, the name the member uses inside that group; empty otherwise
 */
public record Contact(
        String userName, String nickName, String remarkName, String alias, ContactKind kind, String groupDisplayName) {

    public Contact {
        Objects.requireNonNull(userName, "userName");
        nickName = Objects.requireNonNullElse(nickName, "");
        remarkName = Objects.requireNonNullElse(remarkName, "");
        alias = Objects.requireNonNullElse(alias, "");
        Objects.requireNonNull(kind, "kind");
        groupDisplayName = Objects.requireNonNullElse(groupDisplayName, "");
    }

    /** The name a person would show: remark name, else in-group name, else nickname, else the id. */
    public String displayName() {
        if (!remarkName.isEmpty()) return remarkName;
        if (!groupDisplayName.isEmpty()) return groupDisplayName;
        if (!nickName.isEmpty()) return nickName;
        return userName;
    }

    /** Whether this is a group chat. */
    public boolean isGroup() {
        return kind == ContactKind.GROUP;
    }
}
