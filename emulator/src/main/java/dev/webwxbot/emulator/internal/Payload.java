package dev.webwxbot.emulator.internal;

import java.util.List;
import java.util.Objects;

/**
 * What a message says, independent of who sends it to whom: one record per message kind of PROTOCOL.md 9.
 * {@link MessageRenderer} turns it into an {@code AddMsgList} entry for one session. Immutable (arrays are copied in
 * and never handed out); thread-safe.
 */
public sealed interface Payload {

    /** The plain-text form of the message for conversation lines, e.g. {@code "[image]"}. */
    String summary();

    record Text(String text) implements Payload {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        public String summary() {
            return text;
        }
    }

    /** A text starting with {@code @name} + U+2005 for every mentioned display name (PROTOCOL.md 9.6). */
    record Mention(List<String> names, String text) implements Payload {
        public Mention {
            names = List.copyOf(names);
            Objects.requireNonNull(text, "text");
        }

        String asText() {
            StringBuilder out = new StringBuilder();
            for (String name : names) {
                out.append('@').append(name).append('\u2005');
            }
            return out.append(text).toString();
        }

        public String summary() {
            return asText();
        }
    }

    record Image(byte[] bytes, int width, int height) implements Payload {
        public Image {
            bytes = bytes.clone();
        }

        public String summary() {
            return "[image]";
        }
    }

    record Voice(byte[] bytes, int millis) implements Payload {
        public Voice {
            bytes = bytes.clone();
        }

        public String summary() {
            return "[voice]";
        }
    }

    record Video(byte[] bytes, int seconds, byte[] thumbnail, int width, int height) implements Payload {
        public Video {
            bytes = bytes.clone();
            thumbnail = thumbnail.clone();
        }

        public String summary() {
            return "[video]";
        }
    }

    record File(String name, byte[] bytes) implements Payload {
        public File {
            Objects.requireNonNull(name, "name");
            bytes = bytes.clone();
        }

        public String summary() {
            return "[file " + name + "]";
        }
    }

    /** A name card of another contact of the same account (a friend, stranger or official account). */
    record Card(ContactState subject) implements Payload {
        public String summary() {
            return "[card " + subject.nickName() + "]";
        }
    }

    /**
     * A sticker; {@code md5} is what {@code webwxsendemoticon} can replay as {@code EMoticonMd5}. A size not given
     * (0) is read from the picture, else {@value #DEFAULT_EMOTICON_SIZE} px: the server never sends a 0
     * ImgWidth/ImgHeight or {@code width}/{@code height} for a sticker (addmsg/qjesus-webwxsync-0-type47 240×210,
     * addmsg/wwdk-receive-type47 80×80).
     */
    record Emoticon(byte[] bytes, String md5, int width, int height) implements Payload {
        static final int DEFAULT_EMOTICON_SIZE = 120;

        public Emoticon {
            bytes = bytes.clone();
            if (width <= 0 || height <= 0) {
                int[] size = Images.dimensions(bytes);
                boolean known = size != null && size[0] > 0 && size[1] > 0;
                width = known ? size[0] : DEFAULT_EMOTICON_SIZE;
                height = known ? size[1] : DEFAULT_EMOTICON_SIZE;
            }
        }

        public String summary() {
            return "[emoticon]";
        }
    }

    /** {@code x} is the latitude and {@code y} the longitude, as in the location XML. */
    record Location(String label, double x, double y) implements Payload {
        public String summary() {
            return "[location " + label + "]";
        }
    }

    record Link(String title, String description, String url) implements Payload {
        public String summary() {
            return "[link " + title + "]";
        }
    }

    record Music(String title, String description, String url, String dataUrl) implements Payload {
        public String summary() {
            return "[music " + title + "]";
        }
    }

    record MiniProgram(String title, String appId, String userName, String pagePath) implements Payload {
        public String summary() {
            return "[mini program " + title + "]";
        }
    }

    /** A reply quoting an earlier message ({@code quotedMsgId}, its writer's name and text). */
    record Quote(String text, String quotedMsgId, String quotedDisplayName, String quotedText) implements Payload {
        public String summary() {
            return text;
        }
    }

    /** A money transfer; {@code amount} as the phone shows it, e.g. {@code "￥0.01"}. */
    record Transfer(String amount, String memo) implements Payload {
        public String summary() {
            return "[transfer " + amount + "]";
        }
    }

    /**
     * A grey {@code 10000} line (joins, red packets, "added as friend", …), sent as plain escaped text;
     * {@code redPacket} marks the "open it on the phone" line, which the server sends with another Status.
     */
    record SystemNotice(String text, boolean redPacket) implements Payload {
        /** What the phone shows for a received red packet (PROTOCOL.md 9.5.11). */
        public static final String RED_PACKET_TEXT = "收到红包，请在手机上查看";

        public SystemNotice {
            Objects.requireNonNull(text, "text");
        }

        public SystemNotice(String text) {
            this(text, false);
        }

        public static SystemNotice redPacketNotice() {
            return new SystemNotice(RED_PACKET_TEXT, true);
        }

        public String summary() {
            return text;
        }
    }
}
