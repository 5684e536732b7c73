package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * App messages ({@code MsgType 49}, PROTOCOL.md 9.4 / 9.5.10) by {@code AppMsgType}. The top-level fields
 * ({@code FileName}, {@code FileSize}, {@code MediaId}, {@code Url}) mirror the XML and win; the XML fills in the
 * rest. Kinds whose key data exists only in the XML (quotes) need it well-formed; the others do not.
 */
final class AppMessageParser {

    static final int TEXT = 1;
    static final int IMAGE = 2;
    static final int MUSIC = 3;
    static final int LINK = 5;
    static final int FILE = 6;
    static final int EMOJI = 8;
    static final int REALTIME_LOCATION = 17;
    static final int MINI_PROGRAM = 33;
    static final int MINI_PROGRAM_ALT = 36;
    static final int QUOTE = 57;
    static final int TRANSFER = 2000;
    static final int RED_PACKET = 2001;

    private static final Pattern FILE_EXTENSION = Pattern.compile("\\.([\\p{Alnum}]{1,10})$");

    private AppMessageParser() {
    }

    /** The {@code AppMsgType} field, or the XML's {@code <type>} when the field is absent or 0. */
    static int appMsgType(JsonNode message, XmlPayload xml) {
        int type = Json.integer(message, "AppMsgType", 0);
        return type > 0 ? type : Numbers.toInt(xml.text("appmsg", "type"), type);
    }

    /** Empty for a hostile payload, unhandled app types (0, 4, 7, 19, …) and unreadable quotes. */
    static Optional<MessageEvent> parse(Envelope envelope, JsonNode message, String content) {
        XmlPayload xml = XmlPayload.of(content);
        if (xml.hostile()) return Optional.empty();
        AppFields fields = new AppFields(message, xml);
        int appMsgType = appMsgType(message, xml);
        return Optional.ofNullable(switch (appMsgType) {
            case TEXT -> fields.title().isEmpty() ? null : new TextMessage(envelope, fields.title());
            case IMAGE -> new ImageMessage(envelope, MediaParser.dimension(message, "ImgWidth"),
                    MediaParser.dimension(message, "ImgHeight"), xml.text("appmsg", "md5"), fields.fileSize(),
                    Numbers.byteCount(xml.text("appattach", "cdnthumblength")));
            case MUSIC -> new MusicMessage(envelope, fields.title(), fields.xml("des"), fields.url(),
                    fields.firstXml("dataurl", "lowdataurl"));
            case LINK -> fields.title().isEmpty() && fields.url().isEmpty() ? null
                    : new LinkMessage(envelope, fields.title(), fields.xml("des"), fields.url(), fields.appName(),
                    xml.text("appmsg", "thumburl"), appMsgType, fields.appId());
            case FILE -> new FileMessage(envelope, fields.title(), fields.fileSize(), Json.text(message, "MediaId"),
                    Json.text(message, "EncryFileName").strip(), fields.extension(), fields.appId(),
                    xml.text("appinfo", "appname"));
            case EMOJI -> new EmoticonMessage(envelope, fields.firstXml("emoticonmd5", "md5"),
                    Json.integer(message, "HasProductId", 0) == 1, fields.fileSize(),
                    MediaParser.dimension(message, "ImgWidth"), MediaParser.dimension(message, "ImgHeight"), "", "", "",
                    "");
            case MINI_PROGRAM, MINI_PROGRAM_ALT -> new MiniProgramMessage(envelope, fields.title(),
                    xml.text("weappinfo", "appid"), xml.text("weappinfo", "pagepath"),
                    fields.firstXml("sourcedisplayname", "appname"));
            case QUOTE -> quote(envelope, xml);
            case TRANSFER -> new TransferMessage(envelope, fields.firstNonEmpty(fields.xml("des"),
                    fields.xml("pay_memo"), fields.title()));
            case RED_PACKET -> new SystemNotice(envelope, fields.firstNonEmpty(fields.xml("des"), fields.title(),
                    "收到红包，请在手机上查看"), SystemNotice.Kind.RED_PACKET);
            case REALTIME_LOCATION -> new SystemNotice(envelope, fields.firstNonEmpty(fields.title(),
                    "位置共享"), SystemNotice.Kind.OTHER);
            default -> null;
        });
    }

    /** {@code <title>} is the reply; {@code <refermsg>} describes the quoted message. */
    private static QuoteMessage quote(Envelope envelope, XmlPayload xml) {
        if (!xml.wellFormed()) return null;
        String quotedId = xml.text("refermsg", "svrid");
        String text = xml.text("appmsg", "title");
        if (quotedId.isEmpty() && text.isEmpty()) return null;
        return new QuoteMessage(envelope, text, quotedId, xml.text("refermsg", "displayname"),
                ContentText.decode(xml.text("refermsg", "content")));
    }

    /** Field access with the top-level-first rule. */
    private record AppFields(JsonNode message, XmlPayload payload) {

        String title() {
            String name = decoded(Json.text(message, "FileName"));
            return name.isEmpty() ? payload.text("appmsg", "title") : name;
        }

        String url() {
            String url = ContentText.unescapeEntities(Json.text(message, "Url")).strip();
            return url.isEmpty() ? payload.text("appmsg", "url") : url;
        }

        /**
         * {@code FileSize} is a decimal string; the XML's {@code totallen} otherwise; -1 ("not said") when neither
         * is a non-negative long.
         */
        long fileSize() {
            long size = Numbers.toLong(Json.text(message, "FileSize"), -1);
            return size >= 0 ? size : Math.max(-1, Numbers.toLong(payload.text("appattach", "totallen"), -1));
        }

        String appName() {
            return firstXml("appname", "sourcedisplayname");
        }

        /** {@code AppInfo.AppID}, which mirrors {@code <appmsg appid=…>}; the attribute when the field is empty. */
        String appId() {
            String appId = Json.text(message.path("AppInfo"), "AppID").strip();
            return appId.isEmpty() ? payload.attribute("appmsg", "appid").strip() : appId;
        }

        /**
         * {@code <fileext>} as the sender's client wrote it; else the title's ending after its last dot when that is
         * 1 to 10 letters or digits (so "notes.final draft" has none); else empty.
         */
        String extension() {
            String stated = payload.text("appattach", "fileext");
            if (!stated.isEmpty()) return stated;
            Matcher ending = FILE_EXTENSION.matcher(title());
            return ending.find() ? ending.group(1) : "";
        }

        String xml(String tag) {
            return payload.text(tag);
        }

        String firstXml(String... tags) {
            for (String tag : tags) {
                String value = payload.text(tag);
                if (!value.isEmpty()) return value;
            }
            return "";
        }

        String firstNonEmpty(String... values) {
            for (String value : values) {
                if (!value.isEmpty()) return value;
            }
            return "";
        }

        private static String decoded(String text) {
            return ContentText.decodeEmoji(ContentText.unescapeEntities(text)).strip();
        }
    }
}
