package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.SessionCalls;
import dev.webwxbot.core.internal.protocol.SessionCalls.SentMessage;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * What forwarding a received message sends (PROTOCOL.md 5.1–5.6; docs/forwarding.md): the request a kind
 * becomes, decided from the event alone, before anything is sent. Web clients forward with {@code Scene 2} and
 * never upload again (wechat4u, wxpy); a link share has no send in the protocol reference, so it becomes a text of
 * its title and address, which is a new text rather than a forward ({@code Scene 0}). Immutable.
 */
sealed interface ForwardPlan {

    /** {@code Scene} of a forward (5.1: wechat4u's value when forwarding). */
    int FORWARD_SCENE = 2;

    /** {@code Msg.Type} of a location sent through webwxsendmsg (5.2). */
    int LOCATION = 48;
    /** {@code Msg.Type} of a name card sent through webwxsendmsg (5.2). */
    int CARD = 42;

    Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    /** The send endpoint, for receipts and logs. */
    String endpoint();

    /** The kind a session monitor and the message store are told ({@code text}, {@code image}, …). */
    String kind();

    /** How the echo of this forward to {@code to} looks (PROTOCOL.md 9.7). */
    SentEchoes.Expected echo(String to);

    /** One attempt of the forward's request, under {@code localId}. */
    CompletableFuture<SentMessage> send(SessionCalls calls, Credentials credentials, String self, String to,
                                        String localId);

    /** A text through webwxsendmsg (5.2); {@code scene} 2 for a forwarded text, 0 for a link's fallback text. */
    record Text(String text, int scene) implements ForwardPlan {
        public String endpoint() {
            return "webwxsendmsg";
        }

        public String kind() {
            return "text";
        }

        public SentEchoes.Expected echo(String to) {
            return SentEchoes.Expected.text(to, text);
        }

        public CompletableFuture<SentMessage> send(SessionCalls calls, Credentials credentials, String self,
                                                   String to, String localId) {
            return calls.sendMsg(credentials, self, to, 1, text, "", scene, localId);
        }
    }

    /**
     * An image (webwxsendmsgimg, type 3) or a video (webwxsendvideomsg, type 43) by the original {@code Content},
     * which names the media on the CDN, and an empty {@code MediaId} (5.3, 5.4).
     */
    record ByContent(boolean video, String content) implements ForwardPlan {
        public String endpoint() {
            return video ? "webwxsendvideomsg" : "webwxsendmsgimg";
        }

        public String kind() {
            return video ? "video" : "image";
        }

        public SentEchoes.Expected echo(String to) {
            return SentEchoes.Expected.media(to, video ? 43 : 3);
        }

        public CompletableFuture<SentMessage> send(SessionCalls calls, Credentials credentials, String self,
                                                   String to, String localId) {
            return calls.media().forwardByContent(credentials, self, to, video, content, localId);
        }
    }

    /** A received file by its {@code MediaId} as the appmsg's {@code attachid}, nothing uploaded (5.5). */
    record File(String fileName, long size, String mediaId, String extension) implements ForwardPlan {
        public String endpoint() {
            return "webwxsendappmsg";
        }

        public String kind() {
            return "file";
        }

        public SentEchoes.Expected echo(String to) {
            return SentEchoes.Expected.file(to, fileName);
        }

        public CompletableFuture<SentMessage> send(SessionCalls calls, Credentials credentials, String self,
                                                   String to, String localId) {
            return calls.media().forwardFile(credentials, self, to, fileName, size, mediaId, extension, localId);
        }
    }

    /**
     * A sticker by its {@code EMoticonMd5} (5.6), lower-case; sent as any known sticker is, {@code Scene 0}, as
     * wechat4u's forward sends it.
     */
    record Sticker(String md5) implements ForwardPlan {
        public String endpoint() {
            return "webwxsendemoticon";
        }

        public String kind() {
            return "emoticon";
        }

        public SentEchoes.Expected echo(String to) {
            return SentEchoes.Expected.media(to, 47);
        }

        public CompletableFuture<SentMessage> send(SessionCalls calls, Credentials credentials, String self,
                                                   String to, String localId) {
            return calls.media().sendEmoticon(credentials, self, to, md5, localId);
        }
    }

    /**
     * Another payload webwxsendmsg carries (5.2's table): {@code 48} with the location XML, {@code 42} with the
     * card XML.
     */
    record Raw(int msgType, String content) implements ForwardPlan {
        public String endpoint() {
            return "webwxsendmsg";
        }

        public String kind() {
            return msgType == LOCATION ? "location" : "card";
        }

        public SentEchoes.Expected echo(String to) {
            return msgType == LOCATION ? SentEchoes.Expected.location(to) : SentEchoes.Expected.media(to, msgType);
        }

        public CompletableFuture<SentMessage> send(SessionCalls calls, Credentials credentials, String self,
                                                   String to, String localId) {
            return calls.sendMsg(credentials, self, to, msgType, content, "", FORWARD_SCENE, localId);
        }
    }

    /** The endpoint forwarding {@code original} uses, or {@code forward} for a kind that cannot be forwarded. */
    static String endpointOf(MessageEvent original) {
        try {
            return of(original).endpoint();
        } catch (OutgoingFailure refused) {
            return "forward";
        }
    }

    /** The kind a monitor hears of, or {@code forward} for a kind that cannot be forwarded. */
    static String kindOf(MessageEvent original) {
        try {
            return of(original).kind();
        } catch (OutgoingFailure refused) {
            return "forward";
        }
    }

    /**
     * The request that forwards {@code original}; throws {@link OutgoingFailure} with {@code INVALID_REQUEST} for a
     * kind that cannot be forwarded or an event that lacks what its forward needs.
     */
    static ForwardPlan of(MessageEvent original) {
        return switch (original) {
            case TextMessage text -> new Text(required(text.text(), "a text", "is empty"), FORWARD_SCENE);
            // The quote's reference points into the original chat, and no web client sends a quote (9.4 AppMsgType
            // 57): what is forwarded is the reply.
            case QuoteMessage quote -> new Text(required(quote.text(), "a quote", "has no reply text"), FORWARD_SCENE);
            case ImageMessage image -> new ByContent(false, required(image.content(), "an image",
                    "carries no content naming it on the server (the event was built without it)"));
            case VideoMessage video -> new ByContent(true, required(video.content(), "a video",
                    "carries no content naming it on the server (the event was built without it)"));
            case FileMessage file -> new File(required(file.fileName(), "a file", "has no file name"),
                    Math.max(0, file.size()), required(file.mediaId(), "a file", "has no MediaId"),
                    file.extension());
            case EmoticonMessage sticker -> sticker(sticker);
            case LocationMessage location -> new Raw(LOCATION, required(location.locationXml(), "a location",
                    "came without the server's location XML (OriContent)"));
            case CardMessage card -> new Raw(CARD, "<msg username=\"" + attribute(required(card.permanentId(),
                    "a card", "does not name its contact's permanent id")) + "\" nickname=\""
                    + attribute(card.nickName()) + "\"/>");
            case LinkMessage link -> new Text(titleAndAddress(link.title(), link.url(), "a link"), 0);
            case MusicMessage music -> new Text(titleAndAddress(music.title(), music.url(), "a music share"), 0);
            case VoiceMessage voice -> throw refused("a voice note cannot be forwarded: the web protocol has no way"
                    + " to send voice (PROTOCOL.md 5 lists none)");
            default -> throw refused(describe(original) + " cannot be forwarded: the web protocol has no send for"
                    + " it (PROTOCOL.md 5)");
        };
    }

    private static ForwardPlan sticker(EmoticonMessage sticker) {
        if (sticker.storeSticker()) {
            throw refused("a store sticker cannot be forwarded (PROTOCOL.md 5.6, HasProductId 1)");
        }
        if (!MD5.matcher(sticker.md5()).matches()) {
            throw refused("a sticker without an MD5 cannot be forwarded: the server knows stickers by it (5.6)");
        }
        return new Sticker(sticker.md5().toLowerCase(Locale.ROOT));
    }

    /** A share's fallback text: the title and, on its own line, the address; either may be missing, not both. */
    private static String titleAndAddress(String title, String url, String what) {
        String text = (title.strip() + "\n" + url.strip()).strip();
        return required(text, what, "has neither a title nor an address");
    }

    private static String required(String value, String what, String problem) {
        if (value.isBlank()) throw refused(what + " that " + problem + " cannot be forwarded");
        return value;
    }

    private static OutgoingFailure refused(String detail) {
        return new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "forward: " + detail);
    }

    /** "a transfer", "a system line", … from the event's type name, for the refusal. */
    private static String describe(MessageEvent original) {
        String name = original.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return (name.matches("[aeiou].*") ? "an " : "a ") + name;
    }

    /** Text for a double-quoted XML attribute. */
    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
