package dev.webwxbot.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.server.webhook.WebhookReplies.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyBodyTest {

    static Optional<Reply> parse(String body) {
        return ReplyBody.parse("t", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainTextReply() {
        assertEquals(Optional.of(new Reply("pong", List.of())), parse("{\"reply\":\"pong\"}"));
    }

    @Test
    void replyWithMentions() {
        assertEquals(Optional.of(new Reply("hi all", List.of("Bob", "Carol"))),
                parse("{\"reply\":{\"text\":\"hi all\",\"mentions\":[\"Bob\",\"Carol\"]}}"));
        assertEquals(Optional.of(new Reply("hi", List.of())), parse("{\"reply\":{\"text\":\"hi\"}}"));
    }

    @Test
    void anythingElseIsNoReply() {
        for (String body : List.of("", "  ", "ok", "<html>", "[]", "{}", "{\"status\":\"ok\"}", "{\"reply\":42}",
                "{\"reply\":\"  \"}", "{\"reply\":{\"text\":1}}", "{\"reply\":{\"text\":\"x\",\"mentions\":\"Bob\"}}",
                "{\"reply\":{\"text\":\"x\",\"mentions\":[1]}}", "{\"reply\":null}", "{\"reply\":\"x\"")) {
            assertTrue(parse(body).isEmpty(), body);
        }
    }
}
