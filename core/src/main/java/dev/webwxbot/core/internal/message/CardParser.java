package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.Optional;

/**
 * A contact / official-account card ({@code MsgType 42}, PROTOCOL.md 9.5.6): {@code RecommendInfo} first, the
 * {@code <msg …>} attributes as fallback; the avatars and the permanent {@code username} only from the attributes
 * (the object's {@code UserName} is the session's). Official when {@code certflag} is non-zero or
 * {@code VerifyFlag & 8}.
 */
final class CardParser {

    private static final int VERIFY_FLAG_BRAND = 8;

    private CardParser() {
    }

    /** Empty when neither a user name nor a nickname can be found, or the payload is hostile. */
    static Optional<CardMessage> parse(Envelope envelope, JsonNode message, String content) {
        RecommendInfo info = new RecommendInfo(message, content);
        if (info.hostile()) return Optional.empty();
        String userName = info.text("UserName", "username");
        String nickName = info.text("NickName", "nickname");
        if (userName.isEmpty() && nickName.isEmpty()) return Optional.empty();
        boolean official = info.contentNumber("certflag") != 0
                || (Json.integer(message.path("RecommendInfo"), "VerifyFlag", 0) & VERIFY_FLAG_BRAND) != 0;
        return Optional.of(new CardMessage(envelope, userName, nickName, info.text("Alias", "alias"),
                info.text("Province", "province"), info.text("City", "city"), official,
                Gender.ofCode(info.number("Sex", "sex")), info.text("Signature", "sign"),
                info.contentText("bigheadimgurl"), info.contentText("smallheadimgurl"), info.number("Scene", "scene"),
                info.contentText("username")));
    }
}
