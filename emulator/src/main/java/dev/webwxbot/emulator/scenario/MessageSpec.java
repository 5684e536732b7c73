package dev.webwxbot.emulator.scenario;

import java.util.List;

/** The message of a {@code send} step, one record per {@code kind}. Media bytes are read at validation. Immutable. */
sealed interface MessageSpec {

    String kind();

    record Text(String text) implements MessageSpec {
        public String kind() {
            return "text";
        }
    }

    /** {@code mentioned} holds contact ids, or {@code self} for the account. */
    record Mention(String text, List<String> mentioned) implements MessageSpec {
        public String kind() {
            return "mention";
        }
    }

    record Image(byte[] jpeg, int width, int height) implements MessageSpec {
        public String kind() {
            return "image";
        }
    }

    record Voice(byte[] mp3, int millis) implements MessageSpec {
        public String kind() {
            return "voice";
        }
    }

    record Video(byte[] mp4, int seconds) implements MessageSpec {
        public String kind() {
            return "video";
        }
    }

    record File(String fileName, byte[] bytes) implements MessageSpec {
        public String kind() {
            return "file";
        }
    }

    record Card(String subject) implements MessageSpec {
        public String kind() {
            return "card";
        }
    }

    record Emoticon(byte[] gif, int width, int height) implements MessageSpec {
        public String kind() {
            return "emoticon";
        }
    }

    record Location(String label, double latitude, double longitude) implements MessageSpec {
        public String kind() {
            return "location";
        }
    }

    record Link(String title, String description, String url) implements MessageSpec {
        public String kind() {
            return "link";
        }
    }

    record Music(String title, String description, String url, String streamUrl) implements MessageSpec {
        public String kind() {
            return "music";
        }
    }

    record MiniProgram(String title, String appId, String userName, String pagePath) implements MessageSpec {
        public String kind() {
            return "mini-program";
        }
    }

    /** Quotes the message of an earlier send step; {@code quotedText} null: that step's text. */
    record Quote(String text, String quotedStepId, String quotedText) implements MessageSpec {
        public String kind() {
            return "quote";
        }
    }

    record Transfer(String amount, String memo) implements MessageSpec {
        public String kind() {
            return "transfer";
        }
    }

    record RedPacket() implements MessageSpec {
        public String kind() {
            return "red-packet";
        }
    }

    record SystemNotice(String text) implements MessageSpec {
        public String kind() {
            return "system-notice";
        }
    }

    /** Every kind, for error messages and docs. */
    List<String> KINDS = List.of("text", "mention", "image", "voice", "video", "file", "card", "emoticon", "location",
            "link", "music", "mini-program", "quote", "transfer", "red-packet", "system-notice");
}
