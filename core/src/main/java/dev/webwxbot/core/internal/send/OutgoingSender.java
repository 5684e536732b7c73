package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.MediaCalls;
import dev.webwxbot.core.internal.protocol.SessionCalls.SentMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each {@link Outgoing} kind into its calls (PROTOCOL.md 5, 6): a text (with the @-mentions of 5.2), or an
 * upload followed by the media send. The upload and the send of one message go through the {@link OutgoingGate}
 * as one call, so messages to one chat keep their order. Thread-safe; never completes exceptionally.
 */
public final class OutgoingSender {
    private static final Logger log = LoggerFactory.getLogger(OutgoingSender.class);
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    /** U+2005 FOUR-PER-EM SPACE, the separator after an @name (5.2, 9.6). */
    private static final String MENTION_SEPARATOR = "\u2005";

    private final ContactBook contacts;
    private final Supplier<SessionLink> link;
    private final OutgoingGate gate;
    private final MediaLimits limits;

    public OutgoingSender(ContactBook contacts, Supplier<SessionLink> link, OutgoingGate gate, MediaLimits limits) {
        this.contacts = contacts;
        this.link = link;
        this.gate = gate;
        this.limits = limits;
    }

    public CompletableFuture<SendReceipt> send(Contact chat, Outgoing message) {
        String operation = operationOf(message);
        SessionLink online = link.get();
        if (online == null) {
            return CompletableFuture.completedFuture(
                    new SendReceipt.Failed(FailureReason.LOGGED_OUT, 0, operation + ": the session is not online"));
        }
        String to = chat.userName();
        Supplier<CompletableFuture<SentMessage>> call;
        try {
            call = callFor(online, chat, message);
        } catch (OutgoingFailure refused) {
            return CompletableFuture.completedFuture(failed(to, refused));
        }
        return gate.submit(to, call)
                .<SendReceipt>thenApply(sent -> new SendReceipt.Sent(sent.msgId(), sent.localId(), to))
                .exceptionally(failure -> failed(to, OutgoingFailure.of(failure, operation, FailureReason.REJECTED)));
    }

    private Supplier<CompletableFuture<SentMessage>> callFor(SessionLink online, Contact chat, Outgoing message) {
        MediaCalls media = online.calls().media();
        String self = online.selfUserName();
        String to = chat.userName();
        var credentials = online.credentials();
        return switch (message) {
            case Outgoing.Text text -> {
                String content = withMentions(chat, text);
                if (content.isEmpty()) {
                    throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "webwxsendmsg: an empty text");
                }
                String msgSource = msgSource(chat, text.mentions());
                yield () -> online.calls().sendText(credentials, self, to, content, msgSource);
            }
            case Outgoing.Image image -> uploadThen(online, chat, image.file(), limits.imageBytes(), null,
                    uploaded -> media.sendImage(credentials, self, to, uploaded.mediaId()));
            case Outgoing.Video video -> uploadThen(online, chat, video.file(), limits.videoBytes(), null,
                    uploaded -> media.sendVideo(credentials, self, to, uploaded.mediaId()));
            case Outgoing.File file -> {
                String name = fileName(file.file());
                yield uploadThen(online, chat, file.file(), limits.fileBytes(), null,
                        uploaded -> media.sendFile(credentials, self, to, name, uploaded.size(), uploaded.mediaId(),
                                MediaTypes.extension(name), uploaded.signature()));
            }
            // Stickers are uploaded as doc whatever they are, as the official page and ItChat do (5.6).
            case Outgoing.Emoticon emoticon -> uploadThen(online, chat, emoticon.file(), limits.emoticonBytes(), "doc",
                    uploaded -> media.sendEmoticon(credentials, self, to, uploaded.mediaId()));
            case Outgoing.StoredEmoticon stored -> {
                if (!MD5.matcher(stored.md5()).matches()) {
                    throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0,
                            "webwxsendemoticon: not an MD5: " + stored.md5().length() + " characters");
                }
                yield () -> media.sendEmoticon(credentials, self, to, stored.md5().toLowerCase(java.util.Locale.ROOT));
            }
        };
    }

    /**
     * Checks the file now (so a refusal needs no call), and returns the call that uploads it and then sends.
     * {@code forcedMediaType} null means the type recognised from the content. The call opens the file itself, on
     * the gate's thread, and closes it when done: a call the gate never runs (queue full, session stopped) leaves
     * nothing open, and a call retried after a {@code 1205} reads the file afresh.
     */
    private Supplier<CompletableFuture<SentMessage>> uploadThen(
            SessionLink online, Contact chat, Path path, long limit, String forcedMediaType,
            Function<MediaUploader.Uploaded, CompletableFuture<SentMessage>> send) {
        long size = LocalFile.checkedSize(path);
        if (size > limit) {
            throw new OutgoingFailure(FailureReason.TOO_LARGE, 0, "webwxuploadmedia: " + fileName(path) + " has "
                    + size + " bytes, the limit is " + limit + " bytes");
        }
        String dataTicket = online.calls().dataTicket().orElse(null);
        if (dataTicket == null) {
            throw new OutgoingFailure(FailureReason.LOGGED_OUT, 0,
                    "webwxuploadmedia: the session has no webwx_data_ticket cookie");
        }
        MediaUploader uploader = new MediaUploader(online.calls().media());
        MediaUploader.Target target = new MediaUploader.Target(online.credentials(), online.selfUserName(),
                chat.userName(), dataTicket);
        return () -> {
            LocalFile file;
            try {
                file = LocalFile.open(path);
            } catch (OutgoingFailure refused) {
                return CompletableFuture.failedFuture(refused);
            }
            CompletableFuture<SentMessage> sent = file.head().thenCompose(head -> {
                MediaTypes.Content content = MediaTypes.sniff(head);
                String mediaType = forcedMediaType != null ? forcedMediaType : content.mediaType;
                return uploader.upload(file, mediaType, MediaTypes.mime(content, file.fileName()), target);
            }).thenCompose(send);
            sent.whenComplete((done, failure) -> file.close());
            return sent;
        };
    }

    /** The text with each mention not yet written in it prefixed as {@code @name} + U+2005 (5.2). */
    private String withMentions(Contact chat, Outgoing.Text text) {
        StringBuilder prefix = new StringBuilder();
        for (Contact mentioned : text.mentions()) {
            String at = "@" + mentionName(chat, mentioned);
            if (!text.text().contains(at) && prefix.indexOf(at + MENTION_SEPARATOR) < 0) {
                prefix.append(at).append(MENTION_SEPARATOR);
            }
        }
        return prefix + text.text();
    }

    /** The name others see in the group: the member's group display name, else the nickname (9.6). */
    private String mentionName(Contact chat, Contact mentioned) {
        Contact member = chat.isGroup() ? contacts.member(chat.userName(), mentioned.userName()) : null;
        Contact known = member != null ? member : mentioned;
        if (!known.groupDisplayName().isEmpty()) {
            return known.groupDisplayName();
        }
        return known.nickName().isEmpty() ? mentioned.displayName() : known.nickName();
    }

    /** The official page's {@code MsgSource} for mentions in a group; empty otherwise (5.2). */
    private static String msgSource(Contact chat, List<Contact> mentions) {
        if (!chat.isGroup() || mentions.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Contact mentioned : mentions) {
            names.add(mentioned.userName());
        }
        return "<msgsource><atusername>" + String.join(",", names) + "</atusername><atchatroomname>"
                + chat.userName() + "</atchatroomname></msgsource>";
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? "file" : name.toString();
    }

    private static String operationOf(Outgoing message) {
        return switch (message) {
            case Outgoing.Text text -> "webwxsendmsg";
            case Outgoing.Image image -> "webwxsendmsgimg";
            case Outgoing.Video video -> "webwxsendvideomsg";
            case Outgoing.File file -> "webwxsendappmsg";
            case Outgoing.Emoticon emoticon -> "webwxsendemoticon";
            case Outgoing.StoredEmoticon stored -> "webwxsendemoticon";
        };
    }

    private static SendReceipt.Failed failed(String to, OutgoingFailure failure) {
        log.warn("sending to {} failed ({}): {}", to, failure.reason(), failure.getMessage());
        return new SendReceipt.Failed(failure.reason(), failure.code(), failure.getMessage());
    }
}
