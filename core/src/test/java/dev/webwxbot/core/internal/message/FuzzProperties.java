package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.protocol.Json;

/** What the fuzz tests may see the parser drop: only what the protocol itself says no plugin should see. */
final class FuzzProperties {

    private FuzzProperties() {
    }

    /** A status notification (51), or a friend request whose requester is me (the official page ignores it). */
    static boolean isBookkeeping(JsonNode message) {
        if (!message.isObject()) return false;
        int msgType = Json.integer(message, "MsgType", -1);
        if (msgType == -1 && "fmessage".equals(Json.text(message, "FromUserName"))) msgType = 37;
        return msgType == 51 || msgType == 37
                && LoggedInFixture.SELF.equals(message.path("RecommendInfo").path("UserName").asText(""));
    }
}
