package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of message a {@code on = message} rule can name in {@code kinds}: what people write and send. Grey
 * system lines, revokes (their own trigger), friend requests (theirs too) and messages of unknown kinds are not
 * among them.
 */
enum MessageKind {
    TEXT, IMAGE, VOICE, VIDEO, FILE, CARD, EMOTICON, LOCATION, LINK, MUSIC, MINI_PROGRAM, QUOTE, TRANSFER;

    String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static List<String> configNames() {
        return Arrays.stream(values()).map(MessageKind::configName).toList();
    }

    /** The kind of {@code message}; empty for those a rule cannot name. */
    static Optional<MessageKind> of(MessageEvent message) {
        MessageKind kind = switch (message) {
            case TextMessage ignored -> TEXT;
            case ImageMessage ignored -> IMAGE;
            case VoiceMessage ignored -> VOICE;
            case VideoMessage ignored -> VIDEO;
            case FileMessage ignored -> FILE;
            case CardMessage ignored -> CARD;
            case EmoticonMessage ignored -> EMOTICON;
            case LocationMessage ignored -> LOCATION;
            case LinkMessage ignored -> LINK;
            case MusicMessage ignored -> MUSIC;
            case MiniProgramMessage ignored -> MINI_PROGRAM;
            case QuoteMessage ignored -> QUOTE;
            case TransferMessage ignored -> TRANSFER;
            default -> null;
        };
        return Optional.ofNullable(kind);
    }
}
