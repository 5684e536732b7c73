package dev.webwxbot.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Something the bot can send. Immutable; files are read when the message is sent, streamed, not held in memory. */
public sealed interface Outgoing {

    /** A text message. */
    static Outgoing text(String text) {
        return new Text(text, List.of());
    }

    /**
     * Text, optionally @-mentioning group members the way the web client does: the text is sent as written, and
     * each contact in {@code mentions} whose {@code @name} is not already in it is prefixed as
     * {@code "@" + name + U+2005}, where the name is the one the group sees: the member's in-group display name,
     * else its nickname (not the remark name, which only this account knows).
     */
    record Text(String text, List<Contact> mentions) implements Outgoing {
        public Text {
            Objects.requireNonNull(text, "text");
            mentions = List.copyOf(mentions);
        }
    }

    /** A picture (jpg, png, gif, bmp…); sent as an image message. */
    record Image(Path file) implements Outgoing {
        public Image {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A video (mp4); sent as a video message. */
    record Video(Path file) implements Outgoing {
        public Video {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Any file, sent as an attachment under its own file name. */
    record File(Path file) implements Outgoing {
        public File {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A sticker from a gif or jpg file, uploaded first. */
    record Emoticon(Path file) implements Outgoing {
        public Emoticon {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A sticker the server already knows, named by its MD5 (as an {@code EmoticonMessage} carries it). */
    record StoredEmoticon(String md5) implements Outgoing {
        public StoredEmoticon {
            Objects.requireNonNull(md5, "md5");
        }
    }
}
