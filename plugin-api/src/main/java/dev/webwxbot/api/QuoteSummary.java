package dev.webwxbot.api;

import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.util.Map;

/**
 * What a quote shows of a message: the text of a text, else the summary the official web page shows for the
 * message in the chat list (its {@code MMDigest}, built from the page's zh_CN strings: {@code [图片]},
 * {@code [语音]}, {@code [视频]}, {@code [动画表情]}, {@code [链接]} + title, …). One exception: the page's digest of
 * a file is the label alone; here the file's name follows it, as the page writes a link's or a song's title after
 * theirs. Stateless.
 */
final class QuoteSummary {

    static final String UNSUPPORTED = "该消息网页版微信暂时不支持";
    private static final String UNSUPPORTED_APP = "[收到一条网页版微信暂不支持的消息类型，请在手机上查看]";
    private static final Map<String, String> BY_KIND = Map.of("message.image", "[图片]", "message.voice", "[语音]",
            "message.video", "[视频]", "message.emoticon", "[动画表情]", "message.file", "[文件]",
            "message.link", "[链接]", "message.music", "[音乐]", "message.miniprogram", "[小程序]",
            "message.transfer", "[收到一条微信转账消息，请在手机上查看]");

    private QuoteSummary() {
    }

    static String of(MessageEvent message) {
        return switch (message) {
            case TextMessage text -> withoutEarlierQuote(text.text());
            case QuoteMessage quote -> quote.text();
            case ImageMessage image -> "[图片]";
            case VoiceMessage voice -> "[语音]";
            case VideoMessage video -> "[视频]";
            case EmoticonMessage sticker -> "[动画表情]";
            case FileMessage file -> "[文件]" + file.fileName();
            case LinkMessage link -> "[链接]" + link.title();
            case MusicMessage music -> "[音乐]" + music.title();
            case MiniProgramMessage program -> "[小程序]" + program.title();
            case LocationMessage location -> location.label().isEmpty() ? location.poiName() : location.label();
            case CardMessage card -> (card.envelope().fromSelf() ? "你推荐了" : "向你推荐了") + card.nickName();
            case TransferMessage transfer -> BY_KIND.get("message.transfer");
            case FriendRequest request -> request.nickName() + "想要将你加为朋友";
            case SystemNotice notice -> notice.text();
            case RevokeNotice notice -> notice.notice();
            case RevokedMessage revoked -> revoked.original().text().isEmpty()
                    ? BY_KIND.getOrDefault(revoked.original().kind(), UNSUPPORTED) : revoked.original().text();
            case UnknownMessage unknown -> unknown.msgType() == 49 ? UNSUPPORTED_APP : UNSUPPORTED;
            // A kind added after this class: what the page shows for a message it does not know.
            default -> UNSUPPORTED;
        };
    }

    /** A text that is itself a quote in text form shows only its reply, as quoting its quote again would nest. */
    static String withoutEarlierQuote(String text) {
        String between = "」\n" + Outgoing.Quote.SEPARATOR + "\n";
        int separator = text.indexOf(between);
        return separator < 0 ? text : text.substring(separator + between.length());
    }
}
