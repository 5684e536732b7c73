package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
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
import dev.webwxbot.safeoutput.TerminalText;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One incoming message as one console line: {@code time  chat  [sender: ]body}, the chat column padded to a fixed
 * width in terminal columns so CJK and emoji names line up. Every piece of network text is sanitised. Immutable.
 */
final class MessageLine {

    /** Width of the chat column, in terminal columns. */
    static final int CHAT_COLUMNS = 16;

    private final DateTimeFormatter clock;

    MessageLine(ZoneId zone) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    String render(MessageEvent event) {
        Envelope envelope = event.envelope();
        String who = envelope.fromSelf() ? "me: "
                : envelope.inGroup() ? clean(envelope.sender().displayName()) + ": " : "";
        return clock.format(envelope.time()) + "  " + Columns.fit(clean(envelope.chat().displayName()), CHAT_COLUMNS)
                + "  " + who + body(event);
    }

    /** The message itself; kinds other than text in brackets, as {@code [voice 3s]}. */
    static String body(MessageEvent event) {
        return switch (event) {
            case TextMessage text -> clean(text.text());
            case ImageMessage image -> image.width() > 0 && image.height() > 0
                    ? "[image " + image.width() + "x" + image.height() + "]" : "[image]";
            case VoiceMessage voice -> "[voice " + seconds(voice.length()) + "]";
            case VideoMessage video -> "[video " + seconds(video.length()) + "]";
            case FileMessage file -> "[file " + clean(file.fileName()) + " " + size(file.size()) + "]";
            case CardMessage card -> "[card " + clean(card.nickName()) + "]";
            case EmoticonMessage emoticon -> "[emoticon]";
            case LocationMessage location -> "[location " + clean(place(location)) + "]";
            case LinkMessage link -> "[link " + clean(link.title()) + " " + clean(link.url()) + "]";
            case MusicMessage music -> "[music " + clean(music.title()) + " " + clean(music.url()) + "]";
            case MiniProgramMessage mini -> "[mini-program " + clean(mini.title())
                    + (mini.appName().isEmpty() ? "" : " (" + clean(mini.appName()) + ")") + "]";
            case QuoteMessage quote -> clean(quote.text()) + " [quote " + clean(quote.quotedSenderName()) + ": "
                    + clean(quote.quotedText()) + "]";
            case TransferMessage transfer -> "[transfer " + clean(transfer.description()) + "]";
            case RevokeNotice revoke -> "[revoked] " + clean(revoke.notice());
            case RevokedMessage revoked -> "[revoked " + clean(revoked.original().kind()) + "] "
                    + clean(revoked.original().text());
            case FriendRequest request -> "[friend request from " + clean(request.nickName())
                    + (request.greeting().isEmpty() ? "" : ": " + clean(request.greeting())) + "]";
            case SystemNotice notice -> "[notice] " + clean(notice.text());
            case UnknownMessage unknown -> "[unknown message type " + unknown.msgType()
                    + (unknown.appMsgType() == 0 ? "" : "/" + unknown.appMsgType()) + "]";
        };
    }

    /** The label is the address; captured poinames are often only the generic "[位置]" (PROTOCOL.md 9.5.8). */
    private static String place(LocationMessage location) {
        return location.label().isEmpty() ? location.poiName() : location.label();
    }

    /** Whole seconds, rounded, at least 1 for any sound at all. */
    static String seconds(Duration length) {
        long millis = length.toMillis();
        return (millis <= 0 ? 0 : Math.max(1, Math.round(millis / 1000.0))) + "s";
    }

    /** {@code 532 B}, {@code 1.2 KB}, {@code 3.4 MB}: 1024-based, one decimal above bytes. */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String clean(String text) {
        return TerminalText.clean(text);
    }
}
