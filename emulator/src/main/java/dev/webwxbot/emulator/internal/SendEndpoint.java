package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.SentMessage;

/** {@code webwxsendmsg} (PROTOCOL.md 5.1, 5.2, 5.8). */
final class SendEndpoint {
    /** Generic failure, used for a body without a {@code Msg} object (5.8). */
    static final int GENERIC_FAILURE = -1;
    /** Parameter error, used when {@code FromUserName} is not the session's own name (sources are silent). */
    static final int PARAMETER_ERROR = 1;
    /** Recipient is not a friend / not known to the session (5.8). */
    static final int NOT_A_FRIEND = 1204;

    private final World world;
    private final SessionAuthenticator authenticator;

    SendEndpoint(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    void sendMsg(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, SendEndpoint::failure);
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        WebSession session = call.session();
        JsonNode msg = body.path("Msg");
        if (!msg.isObject()) {
            ex.reply(failure(GENERIC_FAILURE));
            return;
        }
        String from = JsonBodies.scalarText(msg, "FromUserName");
        String to = JsonBodies.scalarText(msg, "ToUserName");
        ContactState recipient;
        synchronized (world) {
            if (!session.selfUserName.equals(from)) {
                ex.reply(failure(PARAMETER_ERROR));
                return;
            }
            recipient = session.contactOf(to);
        }
        if (recipient == null || recipient.kind() == ContactKind.STRANGER) {
            ex.reply(failure(NOT_A_FRIEND));
            return;
        }
        String content = JsonBodies.scalarText(msg, "Content");
        if (world.sendThrottle.admit(session.account, "webwxsendmsg", to, content == null ? "" : content,
                world.now()).isPresent()) {
            ex.reply(failure(SendThrottle.TOO_FREQUENT));
            return;
        }
        String localId = orEmpty(JsonBodies.scalarText(msg, "LocalID"));
        String clientMsgId = orEmpty(JsonBodies.scalarText(msg, "ClientMsgId"));
        SentMessage sent = world.recordWebSend(session, recipient, to, JsonBodies.scalarInt(msg, "Type", 1),
                content == null ? "" : content, localId, clientMsgId);
        ex.reply(JsonBodies.json(new Wire.SendResponse(Wire.BaseResponse.OK, sent.msgId(),
                localId.isEmpty() ? clientMsgId : localId)));
    }

    private static Reply failure(int ret) {
        return JsonBodies.json(new Wire.SendResponse(Wire.BaseResponse.of(ret), "", ""));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
