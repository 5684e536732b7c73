package dev.webwxbot.emulator.internal;

/**
 * The {@code ContactFlag} bits the account sets on a contact from the phone (PROTOCOL.md 3.8, the official
 * {@code CONTACTFLAG_*} constants). They are added to the kind's own bits wherever the contact is rendered.
 */
public enum ContactFlag {
    /** {@code 64} FAVOUR: a starred friend (星标朋友); also {@code StarFriend 1}. */
    STARRED(64),
    /** {@code 512} NOTIFYCLOSE: notifications off (消息免打扰). */
    MUTED(512),
    /** {@code 2048} TOP: pinned to the top of the chat list (置顶). */
    PINNED(2048);

    final int bit;

    ContactFlag(int bit) {
        this.bit = bit;
    }
}
