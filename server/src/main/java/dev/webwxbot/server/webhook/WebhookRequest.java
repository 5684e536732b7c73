package dev.webwxbot.server.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** The POST of one delivery, with the headers receivers rely on (see {@code docs/webhooks.md}). Stateless. */
final class WebhookRequest {

    private WebhookRequest() {
    }

    /** The request for delivery {@code id} of an event of {@code type}, signed at {@code timestamp} (Unix seconds). */
    static HttpRequest build(WebhookTarget target, String type, String id, byte[] body, long timestamp) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(target.retry().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "webwx-bot-webhook/1")
                .header("X-Webwx-Event", type)
                .header("X-Webwx-Delivery", id)
                .header("X-Webwx-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!target.secret().isEmpty()) {
            request.header("X-Webwx-Signature",
                    WebhookSignature.sign(target.secret().getBytes(StandardCharsets.UTF_8), timestamp, body));
        }
        return request.build();
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }
}
