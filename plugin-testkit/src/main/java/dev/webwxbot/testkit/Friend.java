package dev.webwxbot.testkit;

import dev.webwxbot.emulator.MessageBody;

/**
 * A friend of the bot in a one-to-one chat: {@code bot.friend("Alice").says("ping").expectReply()}. Created in the
 * emulated address book the first time a test names it; the same name is the same person for the whole test
 * class. Thread-safe.
 */
public final class Friend {

    private final Speaker speaker;

    Friend(Speaker speaker) {
        this.speaker = speaker;
    }

    /** The friend's name (the nickname the bot sees). */
    public String name() {
        return speaker.name();
    }

    /** The friend writes {@code text} to the bot. */
    public Said says(String text) {
        return speaker.says(text);
    }

    /** The friend sends a picture (JPEG, PNG, GIF … bytes). */
    public Said sendsImage(byte[] image) {
        return speaker.sendsImage(image);
    }

    /** The friend sends a file as an attachment. */
    public Said sendsFile(String fileName, byte[] content) {
        return speaker.sendsFile(fileName, content);
    }

    /** The friend sends any message the emulator can play (voice, video, card, location, link …). */
    public Said sends(MessageBody body) {
        return speaker.sends(body);
    }

    @Override
    public String toString() {
        return "friend " + name();
    }
}
