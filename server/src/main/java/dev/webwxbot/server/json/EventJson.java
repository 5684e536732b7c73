package dev.webwxbot.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactChanged;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.GroupCreated;
import dev.webwxbot.api.event.GroupOwnerChanged;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.api.event.SendCeilingReached;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Every {@link BotEvent} as JSON, under field names that are part of the daemon's public contract (webhook payloads
 * and HTTP API answers): renaming a record component in {@code plugin-api} must not rename a field here, which is
 * why each field is written by hand instead of by reflection.
 *
 * <pre>{@code
 * ObjectNode payload = EventJson.envelope(UUID.randomUUID().toString(), "alice", clock.instant(), event);
 * // {"id":"…","account":"alice","type":"message.text","time":"…","event":{"msgId":"…","chat":{…},…,"text":"hi"}}
 * }</pre>
 *
 * <p>Media are described (size, duration, dimensions, file name), never downloaded. Nothing secret is written: the
 * friend request's verification ticket is left out, since no receiver can use it without the session's cookies.
 * Stateless; thread-safe.
 */
public final class EventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    /**
     * The event's type name: {@code message.<kind>} (text, image, voice, video, file, card, emoticon, location,
     * link, mini-program, music, quote, transfer, unknown), {@code friend-request}, {@code revoke}, {@code revoked} (the
     * original of a revoked message, from the store: anti-revoke), {@code system},
     * {@code login} or {@code logout}; for changes of the address book {@code contact.added}, {@code contact.removed},
     * {@code contact.changed}, and of groups {@code group.created}, {@code group.renamed},
     * {@code group.member-joined}, {@code group.member-left}, {@code group.owner-changed}; for the core's safety
     * behaviours {@code safety.chat-paused}, {@code safety.chat-resumed}, {@code safety.send-ceiling},
     * {@code safety.login-held}, {@code safety.session-stalled}, {@code safety.session-recovery}.
     */
    public static String type(BotEvent e) {
        // No default branch: a new event kind in plugin-api must fail to compile here until it has a name.
        return switch (e) {
            case TextMessage m -> "message.text";
            case ImageMessage m -> "message.image";
            case VoiceMessage m -> "message.voice";
            case VideoMessage m -> "message.video";
            case FileMessage m -> "message.file";
            case CardMessage m -> "message.card";
            case EmoticonMessage m -> "message.emoticon";
            case LocationMessage m -> "message.location";
            case LinkMessage m -> "message.link";
            case MiniProgramMessage m -> "message.mini-program";
            case MusicMessage m -> "message.music";
            case QuoteMessage m -> "message.quote";
            case TransferMessage m -> "message.transfer";
            case UnknownMessage m -> "message.unknown";
            case FriendRequest m -> "friend-request";
            case RevokeNotice m -> "revoke";
            case RevokedMessage m -> "revoked";
            case SystemNotice m -> "system";
            case LoggedIn s -> "login";
            case LoggedOut s -> "logout";
            case ContactAdded c -> "contact.added";
            case ContactRemoved c -> "contact.removed";
            case ContactChanged c -> "contact.changed";
            case GroupCreated g -> "group.created";
            case GroupRenamed g -> "group.renamed";
            case MemberJoined g -> "group.member-joined";
            case MemberLeft g -> "group.member-left";
            case GroupOwnerChanged g -> "group.owner-changed";
            case ChatPaused s -> "safety.chat-paused";
            case ChatResumed s -> "safety.chat-resumed";
            case SendCeilingReached s -> "safety.send-ceiling";
            case LoginHeld s -> "safety.login-held";
            case SessionStalled s -> "safety.session-stalled";
            case SessionRecovery s -> "safety.session-recovery";
        };
    }

    /**
     * {@code {"id","account","type","time","event"}}: what a webhook posts.
     *
     * @param deliveryId the delivery's id, which receivers dedupe by
     * @param accountId the account the event happened to
     * @param time when the daemon published the event (the event's own time is inside {@code event})
     */
    public static ObjectNode envelope(String deliveryId, String accountId, Instant time, BotEvent e) {
        ObjectNode node = NODES.objectNode();
        node.put("id", Objects.requireNonNull(deliveryId, "deliveryId"));
        node.put("account", Objects.requireNonNull(accountId, "accountId"));
        node.put("type", type(e));
        node.put("time", time.toString());
        node.set("event", toJson(e));
        return node;
    }

    /**
     * {@code {"id","name","remark","kind"}}: the session-scoped id, the contact's own name (its nickname, else the
     * name it uses in the group it was seen in), the name this account gave it, and its {@code ContactKind}.
     */
    public static ObjectNode contact(Contact c) {
        ObjectNode node = NODES.objectNode();
        node.put("id", c.userName());
        node.put("name", c.nickName().isEmpty() ? c.groupDisplayName() : c.nickName());
        node.put("remark", c.remarkName());
        node.put("kind", c.kind().name());
        return node;
    }

    /** The event's own fields: for messages the envelope's ({@code msgId, chat, sender, time, …}) then the kind's. */
    public static ObjectNode toJson(BotEvent e) {
        return switch (e) {
            case MessageEvent m -> message(m);
            case LoggedIn s -> {
                ObjectNode node = NODES.objectNode();
                node.set("self", contact(s.self()));
                node.put("contactCount", s.contactCount());
                node.put("time", s.time().toString());
                yield node;
            }
            case LoggedOut s -> {
                ObjectNode node = NODES.objectNode();
                node.put("reason", s.reason().name());
                node.put("code", s.code());
                node.put("time", s.time().toString());
                yield node;
            }
            case ContactEvent c -> contactEvent(c);
            case SafetyEvent s -> safetyEvent(s);
        };
    }

    /** A safety behaviour acting: its own fields, then {@code explanation} and {@code time} last. */
    private static ObjectNode safetyEvent(SafetyEvent e) {
        ObjectNode node = NODES.objectNode();
        switch (e) {
            case ChatPaused p -> {
                node.set("chat", contact(p.chat()));
                node.put("cause", p.cause().name());
                node.put("until", p.until().map(Instant::toString).orElse(null));
            }
            case ChatResumed r -> {
                node.set("chat", contact(r.chat()));
                node.put("cause", r.cause().name());
            }
            case SendCeilingReached c -> {
                node.put("sends", c.sends());
                node.put("windowSeconds", c.window().toSeconds());
                node.put("until", c.until().toString());
            }
            case LoginHeld h -> {
                node.put("recentLogins", h.recentLogins());
                node.put("windowSeconds", h.window().toSeconds());
                node.put("retryAt", h.retryAt().map(Instant::toString).orElse(null));
            }
            case SessionStalled s -> {
                node.put("symptom", s.symptom().name());
                node.put("lastDelivery", s.lastDelivery().toString());
            }
            case SessionRecovery r -> node.put("step", r.step().name());
        }
        node.put("explanation", e.explanation());
        node.put("time", e.time().toString());
        return node;
    }

    /**
     * A change of the address book or of a group: the contacts it concerns in the shape of {@link #contact}, a
     * person who is not known (an inviter the server did not name) as {@code null}, and the event's time last.
     */
    private static ObjectNode contactEvent(ContactEvent e) {
        ObjectNode node = NODES.objectNode();
        switch (e) {
            case ContactAdded a -> node.set("contact", contact(a.contact()));
            case ContactRemoved r -> node.set("contact", contact(r.contact()));
            case ContactChanged c -> {
                node.set("before", contact(c.before()));
                node.set("after", contact(c.after()));
                ArrayNode changes = node.putArray("changes");
                c.changes().forEach(change -> changes.add(change.name()));
                node.putObject("flags").put("starred", c.flags().starred()).put("pinned", c.flags().pinned())
                        .put("muted", c.flags().muted());
            }
            case GroupCreated g -> {
                node.set("group", contact(g.group()));
                ArrayNode members = node.putArray("members");
                g.members().forEach(member -> members.add(contact(member)));
            }
            case GroupRenamed g -> {
                node.set("group", contact(g.group()));
                node.put("oldName", g.oldName()).put("newName", g.newName());
                node.set("renamedBy", optionalContact(g.renamedBy()));
            }
            case MemberJoined g -> {
                node.set("group", contact(g.group()));
                node.set("member", contact(g.member()));
                node.set("inviter", optionalContact(g.inviter()));
                node.put("method", g.method().name());
            }
            case MemberLeft g -> {
                node.set("group", contact(g.group()));
                node.set("member", contact(g.member()));
                node.set("removedBy", optionalContact(g.removedBy()));
            }
            case GroupOwnerChanged g -> {
                node.set("group", contact(g.group()));
                node.set("previousOwner", optionalContact(g.previousOwner()));
                node.set("owner", contact(g.owner()));
            }
        }
        node.put("time", e.time().toString());
        return node;
    }

    private static JsonNode optionalContact(Optional<Contact> contact) {
        return contact.<JsonNode>map(EventJson::contact).orElseGet(NODES::nullNode);
    }

    private static ObjectNode message(MessageEvent m) {
        ObjectNode node = envelopeFields(m.envelope());
        switch (m) {
            case TextMessage t -> node.put("text", t.text());
            case ImageMessage i -> node.put("width", i.width()).put("height", i.height()).put("md5", i.md5())
                    .put("size", i.size()).put("thumbnailSize", i.thumbnailSize());
            case VoiceMessage v -> node.put("durationMillis", v.length().toMillis()).put("size", v.size())
                    .put("voiceFormat", v.voiceFormat());
            case VideoMessage v -> node.put("durationMillis", v.length().toMillis())
                    .put("width", v.width()).put("height", v.height()).put("md5", v.md5()).put("size", v.size())
                    .put("thumbnailSize", v.thumbnailSize());
            case FileMessage f -> node.put("fileName", f.fileName()).put("size", f.size()).put("mediaId", f.mediaId())
                    .put("encodedFileName", f.encodedFileName()).put("extension", f.extension())
                    .put("appId", f.appId()).put("appName", f.appName());
            case CardMessage c -> node.put("userName", c.userName()).put("nickName", c.nickName())
                    .put("alias", c.alias()).put("province", c.province()).put("city", c.city())
                    .put("official", c.official()).put("gender", c.gender().name()).put("signature", c.signature())
                    .put("bigAvatarUrl", c.bigAvatarUrl()).put("smallAvatarUrl", c.smallAvatarUrl())
                    .put("scene", c.scene()).put("permanentId", c.permanentId());
            // The AES key opens only this sticker's copy on the sticker CDN: the sender's content, no session secret.
            case EmoticonMessage s -> node.put("md5", s.md5()).put("storeSticker", s.storeSticker())
                    .put("size", s.size()).put("width", s.width()).put("height", s.height()).put("cdnUrl", s.cdnUrl())
                    .put("encryptedUrl", s.encryptedUrl()).put("aesKey", s.aesKey()).put("productId", s.productId());
            case LocationMessage l -> node.put("label", l.label()).put("latitude", l.latitude())
                    .put("longitude", l.longitude()).put("poiName", l.poiName()).put("mapUrl", l.mapUrl())
                    .put("scale", l.scale()).put("poiId", l.poiId());
            case LinkMessage l -> node.put("title", l.title()).put("description", l.description())
                    .put("url", l.url()).put("appName", l.appName()).put("thumbnailUrl", l.thumbnailUrl())
                    .put("appMsgType", l.appMsgType()).put("appId", l.appId());
            case MiniProgramMessage p -> node.put("title", p.title()).put("appId", p.appId())
                    .put("pagePath", p.pagePath()).put("appName", p.appName());
            case MusicMessage s -> node.put("title", s.title()).put("description", s.description())
                    .put("url", s.url()).put("streamUrl", s.streamUrl());
            case QuoteMessage q -> node.put("text", q.text()).put("quotedMsgId", q.quotedMsgId())
                    .put("quotedSenderName", q.quotedSenderName()).put("quotedText", q.quotedText());
            case TransferMessage t -> node.put("description", t.description());
            // The ticket is left out on purpose: see the class comment.
            case FriendRequest r -> node.put("userName", r.userName()).put("nickName", r.nickName())
                    .put("greeting", r.greeting()).put("scene", r.scene()).put("permanentId", r.permanentId())
                    .put("gender", r.gender().name()).put("alias", r.alias()).put("province", r.province())
                    .put("city", r.city()).put("signature", r.signature()).put("bigAvatarUrl", r.bigAvatarUrl())
                    .put("smallAvatarUrl", r.smallAvatarUrl()).put("viaGroupId", r.viaGroupId());
            case RevokeNotice r -> node.put("revokedMsgId", r.revokedMsgId()).put("notice", r.notice())
                    .put("chatPermanentId", r.chatPermanentId()).put("oldMsgId", r.oldMsgId());
            case RevokedMessage r -> {
                node.put("revokedMsgId", r.notice().revokedMsgId()).put("notice", r.notice().notice())
                        .put("chatPermanentId", r.notice().chatPermanentId()).put("oldMsgId", r.notice().oldMsgId());
                node.set("original", original(r.original()));
            }
            case SystemNotice s -> node.put("text", s.text()).put("kind", s.kind().name());
            case UnknownMessage u -> {
                // Its own msgType replaces the envelope's (the same number, unless built by hand with another).
                node.put("msgType", u.msgType()).put("appMsgType", u.appMsgType()).put("rawContent", u.rawContent());
                // Strings only, as the record keeps them: the server's own payload, carrying no session secret.
                ObjectNode raw = node.putObject("rawFields");
                u.rawFields().forEach(raw::put);
            }
        }
        return node;
    }

    /** The stored original of a revoked message; the media file's place on disk stays local (only its name). */
    private static ObjectNode original(HistoryEntry h) {
        ObjectNode node = NODES.objectNode();
        node.put("direction", h.direction().name()).put("kind", h.kind()).put("msgId", h.msgId());
        node.putObject("chat").put("id", h.chatId()).put("name", h.chatName());
        node.put("senderName", h.senderName()).put("time", h.time().toString()).put("text", h.text());
        node.put("mediaFile", h.media().map(path -> path.getFileName().toString()).orElse(""));
        return node;
    }

    private static ObjectNode envelopeFields(Envelope envelope) {
        ObjectNode node = NODES.objectNode();
        node.put("msgId", envelope.msgId());
        node.set("chat", contact(envelope.chat()));
        node.set("sender", contact(envelope.sender()));
        node.put("time", envelope.time().toString());
        node.put("fromSelf", envelope.fromSelf());
        node.put("mentionsMe", envelope.mentionsMe());
        node.put("inGroup", envelope.inGroup());
        node.put("timeSource", envelope.timeSource().name());
        node.put("msgType", envelope.msgType()).put("status", envelope.status()).put("imgStatus", envelope.imgStatus())
                .put("forwardFlag", envelope.forwardFlag());
        return node;
    }
}
