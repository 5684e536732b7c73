package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.SentMessage;

/**
 * {@code webwxsendmsg} (PROTOCOL.md 5.1, 5.2, 5.8) with the texts, locations and cards it carries, and the envelope
 * checks every send endpoint shares.
 */
final class SendEndpoint {
    /** Generic failure, used for a body without a {@code Msg} object (5.8). */
    static final int GENERIC_FAILURE = -1;
    /** Parameter error, used when {@code FromUserName} is not the session's own name (sources are silent). */
    static final int PARAMETER_ERROR = 1;
    /** Recipient is not a friend / not known to the session (5.8). */
    static final int NOT_A_FRIEND = 1204;
    /**
     * The other payloads webwxsendmsg carries (5.2's table): a location's XML (48) and a name card's (42). Content
     * that is not such XML, or a card of someone who is not a friend, answers {@code Ret -1} (the sources name no
     * code for these), and is echoed as the location or card it is.
     */
    private static final int LOCATION = 48;
    private static final int CARD = 42;

    private final World world;
    private final SessionAuthenticator authenticator;

    SendEndpoint(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    /**
     * A send whose session, sender and recipient passed the checks of 5.1; {@code modDesktop} records the
     * {@code mod=desktop} query parameter of desktop (UOS) mode (2.6), {@code scene} the body's {@code Scene}
     * (optional, 5.1: 0 when absent).
     */
    record Accepted(WebSession session, JsonNode msg, ContactState recipient, String toUserName, String localId,
                    String clientMsgId, boolean modDesktop, int scene) {
        /** The {@code LocalID} to echo: the sent one, else the ClientMsgId. */
        String echoedLocalId() {
            return localId.isEmpty() ? clientMsgId : localId;
        }
    }

    /**
     * Authenticates a send and checks its {@code Msg} envelope; on failure it answers in the send response shape
     * and returns {@code null}.
     */
    Accepted accept(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, SendEndpoint::failure);
        if (call == null) {
            return null;
        }
        WebSession session = call.session();
        JsonNode msg = call.body().path("Msg");
        if (!msg.isObject()) {
            ex.reply(failure(GENERIC_FAILURE));
            return null;
        }
        String from = JsonBodies.scalarText(msg, "FromUserName");
        String to = JsonBodies.scalarText(msg, "ToUserName");
        ContactState recipient;
        synchronized (world) {
            if (!session.selfUserName.equals(from)) {
                ex.reply(failure(PARAMETER_ERROR));
                return null;
            }
            recipient = session.contactOf(to);
        }
        if (recipient == null || recipient.kind() == ContactKind.STRANGER) {
            ex.reply(failure(NOT_A_FRIEND));
            return null;
        }
        // Every send endpoint counts towards the account's rate (PROTOCOL.md 11.3 describes one limit per account).
        String endpoint = ex.path().substring(ex.path().lastIndexOf('/') + 1);
        String content = orEmpty(JsonBodies.scalarText(msg, "Content"));
        if (world.sendThrottle.admit(session.account, endpoint, to, content, world.now()).isPresent()) {
            ex.reply(failure(SendThrottle.TOO_FREQUENT));
            return null;
        }
        return new Accepted(session, msg, recipient, to, orEmpty(JsonBodies.scalarText(msg, "LocalID")),
                orEmpty(JsonBodies.scalarText(msg, "ClientMsgId")),
                "desktop".equals(ex.query().getIgnoreCase("mod")), JsonBodies.scalarInt(call.body(), "Scene", 0));
    }

    void sendMsg(Exchange ex) {
        Accepted send = accept(ex);
        if (send == null) {
            return;
        }
        String content = orEmpty(JsonBodies.scalarText(send.msg(), "Content"));
        int type = JsonBodies.scalarInt(send.msg(), "Type", 1);
        Payload echo = null;
        if (type == LOCATION || type == CARD) {
            synchronized (world) {
                echo = type == LOCATION ? ForwardedContent.location(content)
                        : ForwardedContent.card(send.session().account, content);
            }
            if (echo == null) {
                ex.reply(failure(GENERIC_FAILURE));
                return;
            }
        }
        SentMessage sent = world.webSends().record(send.session(), new WebSends.Outgoing(send.recipient(),
                send.toUserName(), type, content, send.localId(), send.clientMsgId(), SentMessage.Kind.TEXT,
                SentMessage.Media.NONE, orEmpty(JsonBodies.scalarText(send.msg(), "MsgSource")), send.modDesktop(),
                send.scene(), echo));
        ex.reply(sent(sent, send));
    }

    static Reply sent(SentMessage sent, Accepted send) {
        return JsonBodies.json(new Wire.SendResponse(Wire.BaseResponse.OK, sent.msgId(), send.echoedLocalId()));
    }

    static Reply failure(int ret) {
        return JsonBodies.json(new Wire.SendResponse(Wire.BaseResponse.of(ret), "", ""));
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
