package dev.webwxbot.emulator.scenario;

import java.util.List;

/** The message of a {@code send} step, one record per {@code kind}. Media bytes are read at validation. Immutable. */
sealed interface MessageSpec {

    /** Every kind, in declaration order, for error messages and docs. */
    List<String> KINDS = FileNames.ofPermitted(MessageSpec.class);

    /** The {@code kind} value, as written in files: the record's name in kebab case. */
    default String kind() {
        return FileNames.of(getClass());
    }

    record Text(String text) implements MessageSpec {
    }

    /** {@code mentioned} holds contact ids, or {@code self} for the account. */
    record Mention(String text, List<String> mentioned) implements MessageSpec {
    }

    record Image(byte[] jpeg, int width, int height) implements MessageSpec {
    }

    record Voice(byte[] mp3, int millis) implements MessageSpec {
    }

    record Video(byte[] mp4, int seconds) implements MessageSpec {
    }

    record File(String fileName, byte[] bytes) implements MessageSpec {
    }

    record Card(String subject) implements MessageSpec {
    }

    record Emoticon(byte[] gif, int width, int height) implements MessageSpec {
    }

    record Location(String label, double latitude, double longitude) implements MessageSpec {
    }

    record Link(String title, String description, String url) implements MessageSpec {
    }

    record Music(String title, String description, String url, String streamUrl) implements MessageSpec {
    }

    record MiniProgram(String title, String appId, String userName, String pagePath) implements MessageSpec {
    }

    /** Quotes the message of an earlier send step; {@code quotedText} null: that step's text. */
    record Quote(String text, String quotedStepId, String quotedText) implements MessageSpec {
    }

    record Transfer(String amount, String memo) implements MessageSpec {
    }

    record RedPacket() implements MessageSpec {
    }

    record SystemNotice(String text) implements MessageSpec {
    }
}
