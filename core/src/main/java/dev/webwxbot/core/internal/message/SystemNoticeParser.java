package dev.webwxbot.core.internal.message;

import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.SystemNotice;
import java.util.regex.Pattern;

/**
 * A grey system line ({@code MsgType 10000}, PROTOCOL.md 9.5.11): decoded like text, its {@code <a href=…>} link
 * tags removed (their words kept, as the official page shows them), surrounding blanks trimmed, then classified.
 */
final class SystemNoticeParser {

    private static final Pattern LINK_TAG = Pattern.compile("</?a(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

    private SystemNoticeParser() {
    }

    static SystemNotice parse(Envelope envelope, String content) {
        String text = LINK_TAG.matcher(ContentText.decode(content)).replaceAll("").strip();
        return new SystemNotice(envelope, text, SystemNoticeClassifier.classify(text));
    }
}
