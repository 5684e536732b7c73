package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.SentMessage;

/**
 * {@code webwxrevokemsg} (PROTOCOL.md 5.7): withdraws a message this account sent through the web within the
 * revoke window. {@code ClientMsgId} must be present but need not match (clients send fresh timestamps).
 */
final class RevokeEndpoint {
    static final String INTRODUCTION = "你可以撤回2分钟内发送的消息（部分旧版本微信不支持这个功能）。";
    static final String SYS_WORDING = "已撤回";

    private final World world;
    private final SessionAuthenticator authenticator;

    RevokeEndpoint(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    void revoke(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, RevokeEndpoint::failure);
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        String svrMsgId = JsonBodies.scalarText(body, "SvrMsgId");
        String clientMsgId = JsonBodies.scalarText(body, "ClientMsgId");
        if (svrMsgId == null || clientMsgId == null) {
            ex.reply(failure(SendEndpoint.GENERIC_FAILURE));
            return;
        }
        SentMessage revoked = world.webSends().revoke(call.session(), svrMsgId.trim());
        ex.reply(revoked == null ? failure(SendEndpoint.GENERIC_FAILURE)
                : JsonBodies.json(new Wire.RevokeResponse(Wire.BaseResponse.OK, INTRODUCTION, SYS_WORDING)));
    }

    private static Reply failure(int ret) {
        return JsonBodies.json(new Wire.RevokeResponse(Wire.BaseResponse.of(ret), "", ""));
    }
}
