package dev.webwxbot.api;

/** What sort of account a {@link Contact} is. */
public enum ContactKind {
    /** The logged-in account itself. */
    SELF,
    /** A person in the address book. */
    FRIEND,
    /** A person the account is not friends with, such as a fellow group member. */
    STRANGER,
    /** A group chat. */
    GROUP,
    /** An official (subscription or service) account. */
    OFFICIAL,
    /** A built-in account such as {@code filehelper}, {@code weixin} or {@code fmessage}. */
    SPECIAL
}
