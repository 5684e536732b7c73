package dev.webwxbot.testkit;

import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.MessageBody;
import java.util.Objects;

/**
 * A person saying things to the bot, in a one-to-one chat or in a group: what {@link Friend} and {@link Member}
 * share. Every message goes through the emulated server and reaches the bot as a real one. Thread-safe.
 */
final class Speaker {

    private final PluginTestKit kit;
    private final KitWorld world;
    private final String name;
    private final Contact person;
    private final Contact group;
    private final String groupName;

    /**
     * @param person who speaks; null for the bot's owner speaking in {@code group}
     * @param group the group it speaks in; null for a one-to-one chat
     */
    Speaker(PluginTestKit kit, KitWorld world, String name, Contact person, Contact group, String groupName) {
        this.kit = kit;
        this.world = world;
        this.name = name;
        this.person = person;
        this.group = group;
        this.groupName = groupName;
    }

    String name() {
        return name;
    }

    void remark(String remarkName) {
        world.remark(person, Objects.requireNonNull(remarkName, "remarkName"));
    }

    void weChatId(String weChatId) {
        world.weChatId(person, Objects.requireNonNull(weChatId, "weChatId"));
    }

    void groupNickname(String nickname) {
        world.groupNickname(group, person, Objects.requireNonNull(nickname, "nickname"));
    }

    Happening deleted() {
        return new WorldChanges(kit, world).delete(person, name);
    }

    Said says(String text) {
        Objects.requireNonNull(text, "text");
        return send(MessageBody.text(text), Words.quote(text));
    }

    Said saysMentioningBot(String text) {
        Objects.requireNonNull(text, "text");
        // As a phone writes a mention: "@Bot" and U+2005 in front (PROTOCOL.md 9.6).
        return send(MessageBody.mention(text, KitWorld.BOT_NAME), Words.quote("@" + KitWorld.BOT_NAME + " " + text));
    }

    Said sendsImage(byte[] image) {
        return send(MessageBody.image(Objects.requireNonNull(image, "image")), "image");
    }

    Said sendsFile(String fileName, byte[] content) {
        return send(MessageBody.file(Objects.requireNonNull(fileName, "fileName"),
                Objects.requireNonNull(content, "content")), "file " + Words.quote(fileName));
    }

    Said sends(MessageBody body) {
        return send(Objects.requireNonNull(body, "body"), "message (" + body + ")");
    }

    Said revokes(Said earlier) {
        Objects.requireNonNull(earlier, "earlier");
        String msgId = person.revoke(earlier.msgId());
        String where = group == null ? "" : " in " + groupName;
        Said said = new Said(world, msgId, group == null ? person : group, name + where,
                name + "'s revoke of " + earlier + where);
        kit.remember(said);
        return said;
    }

    Said ownerSays(String text) {
        Objects.requireNonNull(text, "text");
        Contact chat = group == null ? person : group;
        String to = group == null ? " to " + name : " in " + groupName;
        String msgId = world.ownerWrites(chat, MessageBody.text(text));
        Said said = new Said(world, msgId, chat, name, "the owner's own " + Words.quote(text) + to);
        kit.remember(said);
        return said;
    }

    private Said send(MessageBody body, String what) {
        String msgId = group == null ? person.send(body) : person.sendIn(group, body);
        String where = group == null ? "" : " in " + groupName;
        Said said = new Said(world, msgId, group == null ? person : group, name + where, name + "'s " + what + where);
        kit.remember(said);
        return said;
    }
}
