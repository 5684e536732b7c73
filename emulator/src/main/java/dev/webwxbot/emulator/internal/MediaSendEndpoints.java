package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.SentMessage;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.regex.Pattern;

/**
 * The media send endpoints (PROTOCOL.md 5.3–5.6): {@code webwxsendmsgimg}, {@code webwxsendvideomsg},
 * {@code webwxsendappmsg} and {@code webwxsendemoticon}. Each dispatches on the endpoint, not on {@code Msg.Type}
 * (5.6), and refers to an upload of this account by {@code MediaId}; an unknown one answers {@code Ret -1} (5.8).
 */
final class MediaSendEndpoints {
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    /** Media echoed back are held in memory; 25 MiB is where the official page switches to webwxcheckupload (6.1). */
    private static final long MAX_ECHOED_BYTES = 25L * 1024 * 1024;

    private final World world;
    private final SendEndpoint envelope;

    MediaSendEndpoints(World world, SendEndpoint envelope) {
        this.world = world;
        this.envelope = envelope;
    }

    void image(Exchange ex) {
        uploaded(ex, SentMessage.Kind.IMAGE, 3);
    }

    void video(Exchange ex) {
        uploaded(ex, SentMessage.Kind.VIDEO, 43);
    }

    /**
     * Image and video: {@code MediaId} of an upload, or {@code ""} with the forwarded {@code Content}, whose CDN keys
     * must name an image (video) this account received or sent (5.3, 5.4); anything else answers {@code Ret -1}.
     */
    private void uploaded(Exchange ex, SentMessage.Kind kind, int defaultType) {
        SendEndpoint.Accepted send = envelope.accept(ex);
        if (send == null) {
            return;
        }
        String mediaId = SendEndpoint.orEmpty(JsonBodies.scalarText(send.msg(), "MediaId"));
        String content = SendEndpoint.orEmpty(JsonBodies.scalarText(send.msg(), "Content"));
        if (mediaId.isEmpty()) {
            forwardedByContent(ex, send, kind, defaultType, content);
            return;
        }
        SentMessage.Media media = uploadFacts(send.session(), mediaId, "", "");
        if (media == null) {
            ex.reply(SendEndpoint.failure(SendEndpoint.GENERIC_FAILURE));
            return;
        }
        record(ex, send, kind, defaultType, content, media, payloadOf(send, kind, media));
    }

    /** A forward by content: recorded with the MD5 and size of the media it named, echoed with those bytes. */
    private void forwardedByContent(Exchange ex, SendEndpoint.Accepted send, SentMessage.Kind kind, int defaultType,
                                    String content) {
        boolean video = kind == SentMessage.Kind.VIDEO;
        MediaStore.Item item;
        synchronized (world) {
            item = ForwardedContent.media(send.session().account.media, content, video);
        }
        if (item == null) {
            ex.reply(SendEndpoint.failure(SendEndpoint.GENERIC_FAILURE));
            return;
        }
        byte[] bytes = item.bytes();
        SentMessage.Media media = new SentMessage.Media("", "", bytes.length, MediaStore.md5(bytes), "", "", "", "");
        Payload payload = null;
        if (bytes.length <= MAX_ECHOED_BYTES && payloadNeeded(send)) {
            int[] size = Images.dimensions(bytes);
            int width = size == null ? 0 : size[0];
            int height = size == null ? 0 : size[1];
            payload = video ? new Payload.Video(bytes, ForwardedContent.playLength(content), item.thumbnail(), width, height)
                    : new Payload.Image(bytes, width, height);
        }
        record(ex, send, kind, defaultType, content, media, payload);
    }

    /** File: the single-line appmsg XML of 5.5, whose {@code attachid} names the upload. */
    void appMsg(Exchange ex) {
        SendEndpoint.Accepted send = envelope.accept(ex);
        if (send == null) {
            return;
        }
        String content = SendEndpoint.orEmpty(JsonBodies.scalarText(send.msg(), "Content"));
        Element appmsg = SafeXml.root(content, "appmsg");
        if (appmsg == null) {
            ex.reply(SendEndpoint.failure(SendEndpoint.GENERIC_FAILURE));
            return;
        }
        String title = child(appmsg, "title");
        String attachId = child(appmsg, "attachid");
        String fileExt = child(appmsg, "fileext");
        long totalLen;
        try {
            totalLen = Long.parseLong(child(appmsg, "totallen").trim());
        } catch (NumberFormatException e) {
            totalLen = -1;
        }
        SentMessage.Media upload = uploadFacts(send.session(), attachId, fileExt,
                SendEndpoint.orEmpty(JsonBodies.scalarText(send.msg(), "Signature")));
        if (upload == null || totalLen < 0) {
            ex.reply(SendEndpoint.failure(SendEndpoint.GENERIC_FAILURE));
            return;
        }
        // The recipient sees the title and totallen the sender wrote, so those are what is recorded.
        // Desktop (UOS) mode sends appid='' with mod=desktop (2.6, 5.5); both forms are accepted and recorded.
        SentMessage.Media media = new SentMessage.Media(attachId, title, totalLen, upload.md5(), upload.mediaType(),
                fileExt, "", upload.signature(), appmsg.getAttribute("appid"));
        record(ex, send, SentMessage.Kind.FILE, 6, content, media, payloadOf(send, SentMessage.Kind.FILE, media));
    }

    /** Emoticon: an uploaded {@code MediaId} (starting with {@code @}) or a known sticker's {@code EMoticonMd5}. */
    void emoticon(Exchange ex) {
        SendEndpoint.Accepted send = envelope.accept(ex);
        if (send == null) {
            return;
        }
        String mediaId = SendEndpoint.orEmpty(JsonBodies.scalarText(send.msg(), "MediaId"));
        String emoticonMd5 = SendEndpoint.orEmpty(JsonBodies.scalarText(send.msg(), "EMoticonMd5"));
        SentMessage.Media media;
        if (mediaId.startsWith("@")) {
            media = uploadFacts(send.session(), mediaId, "", "");
        } else if (MD5.matcher(emoticonMd5).matches()) {
            boolean known;
            synchronized (world) {
                known = send.session().account.media.byMediaId(emoticonMd5.toLowerCase(java.util.Locale.ROOT)) != null;
            }
            media = known ? new SentMessage.Media("", "", -1, "", "", "", emoticonMd5, "") : null;
        } else {
            media = null;
        }
        if (media == null) {
            ex.reply(SendEndpoint.failure(SendEndpoint.GENERIC_FAILURE));
            return;
        }
        record(ex, send, SentMessage.Kind.EMOTICON, 47, "", media,
                payloadOf(send, SentMessage.Kind.EMOTICON, media));
    }

    private void record(Exchange ex, SendEndpoint.Accepted send, SentMessage.Kind kind, int defaultType,
                        String content, SentMessage.Media media, Payload payload) {
        SentMessage sent = world.webSends().record(send.session(), new WebSends.Outgoing(send.recipient(),
                send.toUserName(), JsonBodies.scalarInt(send.msg(), "Type", defaultType), content, send.localId(),
                send.clientMsgId(), kind, media, "", send.modDesktop(), send.scene(), payload));
        ex.reply(SendEndpoint.sent(sent, send));
    }

    /**
     * The send as a media message, for the echo of 9.7 and for another account of the world it reaches;
     * {@code null} when the bytes are unknown or above {@value #MAX_ECHOED_BYTES} bytes, which the emulator does not
     * hold in memory.
     */
    private Payload payloadOf(SendEndpoint.Accepted send, SentMessage.Kind kind, SentMessage.Media media) {
        WebSession session = send.session();
        if (kind == SentMessage.Kind.TEXT || !payloadNeeded(send)) {
            return null;
        }
        byte[] bytes = mediaBytes(session, media);
        if (bytes == null) {
            return null;
        }
        int[] size = Images.dimensions(bytes);
        int width = size == null ? 0 : size[0];
        int height = size == null ? 0 : size[1];
        return switch (kind) {
            case IMAGE -> new Payload.Image(bytes, width, height);
            // The length of a video is not in the send; 0 seconds is what the echo says (sources are silent).
            case VIDEO -> new Payload.Video(bytes, 0, Images.thumbnailJpeg(bytes), width, height);
            case FILE -> new Payload.File(media.fileName(), bytes);
            case EMOTICON -> new Payload.Emoticon(bytes, MediaStore.md5(bytes), width, height);
            case TEXT -> null;
        };
    }

    /** An echo (9.7) or another account of the world needs the message's bytes. */
    private boolean payloadNeeded(SendEndpoint.Accepted send) {
        return world.settings.echoWebSentMessages() || world.betweenAccounts().mayReachAnAccount(send.recipient());
    }

    /** The bytes behind a media send: an upload of this account, or media it received (forwards, stickers). */
    private byte[] mediaBytes(WebSession session, SentMessage.Media media) {
        MediaStore.Upload upload;
        MediaStore.Item received;
        synchronized (world) {
            upload = session.account.media.upload(media.mediaId());
            String key = media.mediaId().isEmpty() ? media.emoticonMd5().toLowerCase(java.util.Locale.ROOT)
                    : media.mediaId();
            received = upload == null && !key.isEmpty() ? session.account.media.byMediaId(key) : null;
        }
        if (upload != null) {
            try {
                return upload.size() <= MAX_ECHOED_BYTES ? upload.readAll() : null;
            } catch (java.io.UncheckedIOException e) {
                // Evicted from the store meanwhile: the send stands, it just has no echo.
                return null;
            }
        }
        return received == null || received.bytes().length > MAX_ECHOED_BYTES ? null : received.bytes();
    }

    /** The facts of an upload of this account, or {@code null} when the id names none. */
    private SentMessage.Media uploadFacts(WebSession session, String mediaId, String fileExt, String signature) {
        synchronized (world) {
            MediaStore.Upload upload = session.account.media.upload(mediaId);
            if (upload != null) {
                return new SentMessage.Media(mediaId, upload.fileName(), upload.size(), upload.md5(),
                        upload.mediaType(), fileExt, "", signature);
            }
            // Forwarding a received file reuses its MediaId (5.5): an "@crypt_…" id, never a sticker's MD5.
            MediaStore.Item received = session.account.media.byMediaId(mediaId);
            if (received != null && mediaId.startsWith("@")) {
                return new SentMessage.Media(mediaId, received.fileName(), received.bytes().length,
                        MediaStore.md5(received.bytes()), "", fileExt, "", signature);
            }
            return null;
        }
    }

    private static String child(Element root, String name) {
        NodeList nodes = root.getElementsByTagName(name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
