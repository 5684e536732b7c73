package dev.webwxbot.emulator;

/**
 * What a {@link Contact} is in the account's world; decides its wire flags and UserName shape (PROTOCOL.md 3.8).
 * Immutable and thread-safe.
 */
public enum ContactKind {
    /** A person in the address book ({@code ContactFlag 3}, {@code VerifyFlag 0}). */
    FRIEND,
    /** A person known only as a group member, not in the address book. */
    STRANGER,
    /** An official account / MP ({@code VerifyFlag 24}). */
    OFFICIAL_ACCOUNT,
    /** A special account with a bare, stable UserName such as {@code filehelper} or {@code weixin}. */
    SPECIAL,
    /** A group chat saved to the address book ({@code @@…} UserName). */
    GROUP
}
