package dev.webwxbot.testkit;

import dev.webwxbot.emulator.SentMessage;

/** What sort of message the bot answered with, as the chat shows it. */
public enum ReplyKind {
    /** A text, with or without @-mentions. */
    TEXT("a text"),
    /** A picture. */
    IMAGE("an image"),
    /** A video. */
    VIDEO("a video"),
    /** An attachment. */
    FILE("a file"),
    /** A sticker. */
    EMOJI("a sticker");

    private final String words;

    ReplyKind(String words) {
        this.words = words;
    }

    /** {@code a text}, {@code an image}, … for failure messages. */
    String words() {
        return words;
    }

    static ReplyKind of(SentMessage.Kind kind) {
        return switch (kind) {
            case TEXT -> TEXT;
            case IMAGE -> IMAGE;
            case VIDEO -> VIDEO;
            case FILE -> FILE;
            case EMOTICON -> EMOJI;
        };
    }
}
