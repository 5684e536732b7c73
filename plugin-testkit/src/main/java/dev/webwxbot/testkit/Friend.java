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

    /**
     * The bot's owner gives this friend a remark name (the name only this account sees), as from the phone;
     * returns once the bot knows it.
     */
    public Friend remarkedAs(String remarkName) {
        speaker.remark(remarkName);
        return this;
    }

    /** The friend's WeChat id (alias); returns once the bot knows it. */
    public Friend withWeChatId(String weChatId) {
        speaker.weChatId(weChatId);
        return this;
    }

    /** The bot's owner deletes this friend from the phone: the bot gets a {@code ContactRemoved}. */
    public Happening deleted() {
        return speaker.deleted();
    }

    /**
     * The bot's own account writes {@code text} to this friend from its phone: the bot receives it as its own
     * message ({@code envelope().fromSelf()}), which a plugin should leave alone.
     */
    public Said ownerSays(String text) {
        return speaker.ownerSays(text);
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

    /**
     * The friend withdraws a message they sent earlier in this test: the bot gets a {@code RevokeNotice} naming it.
     *
     * @param earlier what they said, as {@code says(...)} returned it
     */
    public Said revokes(Said earlier) {
        return speaker.revokes(earlier);
    }

    @Override
    public String toString() {
        return "friend " + name();
    }
}
