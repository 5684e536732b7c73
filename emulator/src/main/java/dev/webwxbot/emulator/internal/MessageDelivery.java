package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;

import java.util.HexFormat;

/**
 * Messages from the phone side into the account's live sessions (PROTOCOL.md 9): what a contact, a group member or
 * the account's own phone writes, revoking it again (9.5.13), and the media bytes behind it for the download
 * endpoints (7). Each message gets one MsgId shared by every session.
 */
public final class MessageDelivery {
    private final World world;
    private final Conversations conversations;

    MessageDelivery(World world, Conversations conversations) {
        this.world = world;
        this.conversations = conversations;
    }

    /** Who wrote a delivered message ({@code null}: the account itself) in which chat, for revoking it. */
    record Delivered(String msgId, ContactState writer, ContactState chat, String summary) {
    }

    /** A friend, MP or special account writes to the account; every live session receives it. */
    public void contactSendsText(ContactState from, String text) {
        deliver(from.owner(), from, from, new Payload.Text(text));
    }

    /** A member writes in a group: the message comes from the group with the {@code @sender:<br/>} prefix. */
    public void memberSendsTextInGroup(ContactState member, ContactState group, String text) {
        deliver(group.owner(), member, group, new Payload.Text(text));
    }

    /** The account's own phone sends a text (PROTOCOL.md 9.7): sessions see it with FromUserName = self. */
    public void phoneSendsText(AccountState account, ContactState to, String text) {
        deliver(account, null, to, new Payload.Text(text));
    }

    /**
     * Delivers a message of any kind to every live session and returns its MsgId (one id for all sessions).
     * {@code writer} null means the account's own phone; {@code chat} is the peer or group the message belongs to:
     * a contact writing directly passes itself, a member writing in a group passes the group.
     */
    public String deliver(AccountState account, ContactState writer, ContactState chat, Payload payload) {
        Queued queued;
        synchronized (world) {
            queued = deliverLocked(account, writer, chat, payload);
        }
        Conversations.publish(account, queued.line());
        return queued.msgId();
    }

    /** A message queued in every live session, and its conversation line, still to be published. */
    record Queued(String msgId, ConversationLine line) {
    }

    /**
     * As {@link #deliver}, for a caller that holds the world monitor so that the message joins the events it queued
     * in the same hold (one webwxsync answer takes them all); the caller publishes the line after releasing it.
     */
    Queued deliverLocked(AccountState account, ContactState writer, ContactState chat, Payload payload) {
        checkRoute(account, writer, chat, payload);
        long id = world.ids.messageId();
        String msgId = Long.toString(id);
        long createTime = world.now().getEpochSecond();
        String mediaId = storeMedia(account, msgId, payload);
        java.util.function.Function<WebSession, Object> rendered =
                session -> render(session, writer, chat, id, createTime, mediaId, payload);
        for (WebSession session : SessionRegistry.liveSessions(account)) {
            session.enqueue(WebSession.EventKind.MESSAGE, rendered.apply(session), createTime, rendered);
        }
        account.delivered.put(msgId, new Delivered(msgId, writer, chat, payload.summary()));
        return new Queued(msgId, conversations.recordMessage(account, writer, chat, payload.summary()));
    }

    /**
     * Queues a message the session itself sent back to it, as the account's own message with the send's MsgID
     * (9.7), and keeps its media for downloads. Caller holds the world monitor.
     */
    void echoToSender(WebSession session, ContactState to, long msgId, Payload payload) {
        String mediaId = storeMedia(session.account, Long.toString(msgId), payload);
        long createTime = world.now().getEpochSecond();
        java.util.function.Function<WebSession, Object> rendered =
                other -> render(other, null, to, msgId, createTime, mediaId, payload);
        session.enqueue(WebSession.EventKind.MESSAGE, rendered.apply(session), createTime, rendered);
    }

    /** The writer of {@code msgId} withdraws it: sessions receive the 10002 revoke notice of 9.5.13. */
    public String revoke(AccountState account, ContactState writer, String msgId) {
        ConversationLine line;
        String noticeId;
        synchronized (world) {
            Delivered original = account.delivered.get(msgId);
            if (original == null || original.writer() != writer) {
                throw new IllegalArgumentException("no message " + msgId + " written by "
                        + (writer == null ? "the phone" : writer));
            }
            String replace = writer == null ? "你撤回了一条消息" : "\"" + writer.nickName() + "\" 撤回了一条消息";
            long id = world.ids.messageId();
            noticeId = Long.toString(id);
            long createTime = world.now().getEpochSecond();
            java.util.function.Function<WebSession, Object> rendered = session -> MessageRenderer.revoke(
                    envelope(session, writer, original.chat(), id, createTime, ""), msgId, replace);
            for (WebSession session : SessionRegistry.liveSessions(account)) {
                session.enqueue(WebSession.EventKind.MESSAGE, rendered.apply(session), createTime, rendered);
            }
            line = conversations.recordMessage(account, writer, original.chat(), replace);
        }
        Conversations.publish(account, line);
        return noticeId;
    }

    private Wire.Message render(WebSession session, ContactState writer, ContactState chat, long msgId,
                                long createTime, String mediaId, Payload payload) {
        return MessageRenderer.render(session, payload, envelope(session, writer, chat, msgId, createTime, mediaId),
                world.settings.emojiAsSpans());
    }

    private static void checkRoute(AccountState account, ContactState writer, ContactState chat, Payload payload) {
        if (chat.owner() != account || (writer != null && writer.owner() != account)) {
            throw new IllegalArgumentException("contacts of another account");
        }
        if (writer != null && writer != chat) {
            if (chat.kind() != ContactKind.GROUP || !chat.membersUnsafe().contains(writer)) {
                throw new IllegalArgumentException(writer + " is not a member of " + chat);
            }
            if (!chat.accountInGroup) {
                throw new IllegalArgumentException("the account is no longer in " + chat + " and hears nothing of it");
            }
        } else if (writer != null && writer.kind() == ContactKind.GROUP && !(payload instanceof Payload.SystemNotice)) {
            throw new IllegalArgumentException("a group cannot write by itself; use a member: " + writer);
        }
    }

    private static MessageRenderer.Envelope envelope(WebSession session, ContactState writer, ContactState chat,
                                                     long msgId, long createTime, String mediaId) {
        String self = session.selfUserName;
        String selfId = session.account.wxid();
        if (writer == null) {
            return new MessageRenderer.Envelope(msgId, self, session.userNameOf(chat), null, selfId, chat.permanentId(),
                    createTime, mediaId);
        }
        String prefix = writer == chat ? null : session.userNameOf(writer);
        return new MessageRenderer.Envelope(msgId, session.userNameOf(chat), self, prefix, writer.permanentId(),
                chat.permanentId(), createTime, mediaId);
    }

    /**
     * Keeps the bytes of media payloads for the download endpoints; returns the file MediaId ("" otherwise).
     * Caller holds the world monitor.
     */
    private String storeMedia(AccountState account, String msgId, Payload payload) {
        MediaStore.Item item = switch (payload) {
            case Payload.Image image -> new MediaStore.Item(image.bytes(), "image/jpeg",
                    Images.thumbnailJpeg(image.bytes()), "");
            case Payload.Voice voice -> new MediaStore.Item(voice.bytes(), "audio/mp3", new byte[0], "");
            case Payload.Video video -> new MediaStore.Item(video.bytes(), "video/mp4", video.thumbnail(), "");
            case Payload.Emoticon emoticon -> new MediaStore.Item(emoticon.bytes(), "image/gif", emoticon.bytes(), "");
            case Payload.File file -> new MediaStore.Item(file.bytes(), "application/octet-stream", new byte[0], file.name());
            default -> null;
        };
        if (item == null) {
            return "";
        }
        account.media.putMessage(msgId, item);
        if (payload instanceof Payload.Image || payload instanceof Payload.Video) {
            long id = Long.parseLong(msgId);
            account.media.putCdn(payload instanceof Payload.Video, MessageRenderer.mediaCdnUrl(id),
                    MessageRenderer.mediaAesKey(id), item);
        }
        if (payload instanceof Payload.Emoticon emoticon) {
            account.media.putMedia(emoticon.md5(), item);
        }
        if (payload instanceof Payload.File) {
            String mediaId = "@crypt_" + HexFormat.of().formatHex(world.ids.bytes(4)) + "_"
                    + HexFormat.of().formatHex(world.ids.bytes(64));
            account.media.putMedia(mediaId, item);
            return mediaId;
        }
        return "";
    }
}
