package dev.webwxbot.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.server.webhook.WebhookReplies.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a receiver's 2xx answer for a reply: {@code {"reply":"text"}} or
 * {@code {"reply":{"text":"…","mentions":["name"]}}}. Anything else is no reply: an empty body or one without
 * {@code reply} silently, a malformed one with a DEBUG line (never the body itself). Stateless.
 */
final class ReplyBody {

    private static final Logger log = LoggerFactory.getLogger(ReplyBody.class);

    private ReplyBody() {
    }

    static Optional<Reply> parse(String target, byte[] body) {
        if (body.length == 0 || new String(body, 0, Math.min(body.length, 64)).isBlank()) return Optional.empty();
        JsonNode root;
        try {
            root = Journal.JSON.readTree(body);
        } catch (IOException e) {
            log.debug("webhook {}: the answer is not JSON; no reply", target);
            return Optional.empty();
        }
        if (root == null || !root.isObject() || !root.has("reply")) return Optional.empty();
        JsonNode reply = root.get("reply");
        if (reply.isTextual()) return reply(target, reply.textValue(), List.of());
        if (reply.isObject() && reply.path("text").isTextual()) {
            JsonNode mentions = reply.path("mentions");
            List<String> names = new ArrayList<>();
            if (mentions.isArray()) {
                for (JsonNode name : mentions) {
                    if (!name.isTextual() || name.textValue().isBlank()) return bad(target, "a mention is not a name");
                    names.add(name.textValue());
                }
            } else if (!mentions.isMissingNode()) {
                return bad(target, "mentions is not a list");
            }
            return reply(target, reply.get("text").textValue(), names);
        }
        return bad(target, "reply is neither text nor {\"text\": …}");
    }

    private static Optional<Reply> reply(String target, String text, List<String> mentions) {
        if (text.isBlank()) return bad(target, "the reply text is blank");
        return Optional.of(new Reply(text, mentions));
    }

    private static Optional<Reply> bad(String target, String why) {
        log.debug("webhook {}: reply ignored: {}", target, why);
        return Optional.empty();
    }
}
