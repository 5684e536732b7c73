package dev.webwxbot.store;

import java.time.Instant;
import java.util.Optional;

/** Builds stored messages for tests: an inbound text unless a wither says otherwise. */
record TestMessages(String account, Direction direction, String kind, String msgId, String localId, String chatId,
        String chatName, String senderId, String senderName, String senderGroupName, Instant time, String text,
        Optional<MediaRef> media, String status) {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static TestMessages in(String msgId, String text) {
        return new TestMessages("alice", Direction.IN, "message.text", msgId, "", "@friend-bob", "Bob", "@friend-bob",
                "Bob", "", T0, text, Optional.empty(), "received");
    }

    static TestMessages queuedSend(String localId, String text) {
        return new TestMessages("alice", Direction.OUT, "message.text", "", localId, "@friend-bob", "Bob", "@self",
                "Alice", "", T0, text, Optional.empty(), "queued");
    }

    TestMessages account(String value) {
        return new TestMessages(value, direction, kind, msgId, localId, chatId, chatName, senderId, senderName,
                senderGroupName, time, text, media, status);
    }

    TestMessages kind(String value) {
        return new TestMessages(account, direction, value, msgId, localId, chatId, chatName, senderId, senderName,
                senderGroupName, time, text, media, status);
    }

    TestMessages chat(String id, String name) {
        return new TestMessages(account, direction, kind, msgId, localId, id, name, senderId, senderName,
                senderGroupName, time, text, media, status);
    }

    TestMessages sender(String id, String name, String groupName) {
        return new TestMessages(account, direction, kind, msgId, localId, chatId, chatName, id, name, groupName,
                time, text, media, status);
    }

    TestMessages at(Instant value) {
        return new TestMessages(account, direction, kind, msgId, localId, chatId, chatName, senderId, senderName,
                senderGroupName, value, text, media, status);
    }

    TestMessages media(MediaRef value) {
        return new TestMessages(account, direction, kind, msgId, localId, chatId, chatName, senderId, senderName,
                senderGroupName, time, text, Optional.of(value), status);
    }

    StoredMessage build() {
        return new StoredMessage(0, account, direction, kind, msgId, localId, chatId, chatName, senderId, senderName,
                senderGroupName, time, text, "{\"text\":\"" + text.replace("\"", "'") + "\"}", media, status, "");
    }
}
