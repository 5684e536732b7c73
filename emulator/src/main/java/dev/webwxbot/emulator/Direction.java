package dev.webwxbot.emulator;

/** Which way a {@link ConversationLine} went, seen from the account. Immutable and thread-safe. */
public enum Direction {
    /** Someone else wrote to the account (a friend, an MP, a group member). */
    INCOMING,
    /** The account wrote, from the web client or from its phone. */
    OUTGOING
}
