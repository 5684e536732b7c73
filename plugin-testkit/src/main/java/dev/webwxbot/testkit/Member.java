package dev.webwxbot.testkit;

import dev.webwxbot.emulator.MessageBody;

/**
 * Someone speaking in a group the bot is in: {@code bot.group("Hikers", "Alice", "Bob").member("Bob")}. The bot's
 * answers go to the group. Thread-safe.
 */
public final class Member {

    private final Speaker speaker;
    private final Group group;

    Member(Speaker speaker, Group group) {
        this.speaker = speaker;
        this.group = group;
    }

    /** The member's name (the nickname the bot sees). */
    public String name() {
        return speaker.name();
    }

    /** The group they speak in. */
    public Group group() {
        return group;
    }

    /** The member takes a nickname inside this group (群昵称); returns once the bot knows it. */
    public Member withGroupNickname(String nickname) {
        speaker.groupNickname(nickname);
        return this;
    }

    /** The member writes {@code text} in the group, without mentioning the bot. */
    public Said says(String text) {
        return speaker.says(text);
    }

    /** The member writes {@code text} in the group, @-mentioning the bot first as a phone does. */
    public Said saysMentioningBot(String text) {
        return speaker.saysMentioningBot(text);
    }

    /** The member sends a picture (JPEG, PNG, GIF … bytes) in the group. */
    public Said sendsImage(byte[] image) {
        return speaker.sendsImage(image);
    }

    /** The member sends a file in the group. */
    public Said sendsFile(String fileName, byte[] content) {
        return speaker.sendsFile(fileName, content);
    }

    /** The member sends any message the emulator can play in the group. */
    public Said sends(MessageBody body) {
        return speaker.sends(body);
    }

    /**
     * The member withdraws a message they sent earlier in this test: the bot gets a {@code RevokeNotice} naming it.
     *
     * @param earlier what they said, as {@code says(...)} returned it
     */
    public Said revokes(Said earlier) {
        return speaker.revokes(earlier);
    }

    @Override
    public String toString() {
        return name() + " in " + group.name();
    }
}
