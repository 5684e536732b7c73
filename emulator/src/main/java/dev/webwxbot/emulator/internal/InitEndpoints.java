package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** {@code webwxinit} and {@code webwxstatusnotify} (PROTOCOL.md 3.1, 3.3, 9.5.12). */
final class InitEndpoints {
    private static final long CLIENT_VERSION = 385876258L;
    private static final int RECENT_CHAT_LIMIT = 20;
    private static final int INVITE_START_COUNT = 40;
    private static final long CLICK_REPORT_INTERVAL_MS = 600_000L;

    private final World world;
    private final SessionAuthenticator authenticator;

    InitEndpoints(World world, SessionAuthenticator authenticator) {
        this.world = world;
        this.authenticator = authenticator;
    }

    void init(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, JsonCalls::bare);
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        WebSession session = call.session();
        Wire.InitResponse response;
        synchronized (world) {
            List<Wire.Contact> contacts = new ArrayList<>();
            StringBuilder chatSet = new StringBuilder();
            for (ContactState chat : ContactViews.recentChats(session.account, RECENT_CHAT_LIMIT)) {
                contacts.add(ContactViews.contact(session, chat, ContactViews.Members.NAMES_ONLY));
                chatSet.append(session.userNameOf(chat)).append(',');
            }
            response = new Wire.InitResponse(Wire.BaseResponse.OK, contacts.size(), contacts,
                    session.initSyncKey(), ContactViews.user(session), chatSet.toString(), session.skey,
                    CLIENT_VERSION, world.now().getEpochSecond(), 1, INVITE_START_COUNT, 0, List.of(),
                    CLICK_REPORT_INTERVAL_MS);
            session.zombie = WebSession.Zombie.NONE; // initialising again ends a zombie fault: what waits is delivered
            world.sessions().markInited(session);
        }
        ex.reply(JsonBodies.json(response));
    }

    void statusNotify(Exchange ex) {
        JsonCalls.Call call = JsonCalls.open(ex, authenticator, ret -> JsonBodies.json(new Wire.StatusNotifyResponse(Wire.BaseResponse.of(ret), "")));
        if (call == null) {
            return;
        }
        JsonNode body = call.body();
        WebSession session = call.session();
        int code = JsonBodies.scalarInt(body, "Code", 0);
        synchronized (world) {
            long now = world.now().getEpochSecond();
            if (code == 3) {
                session.enqueue(conversationSync(session, now));
            } else if (code == 1) {
                String peer = JsonBodies.scalarText(body, "ToUserName");
                String peerName = peer == null ? "" : peer;
                session.enqueue(Messages.statusNotify(world.ids.messageId(), session.selfUserName, peerName, 1, "",
                        peerName, now));
            }
        }
        ex.reply(JsonBodies.json(new Wire.StatusNotifyResponse(Wire.BaseResponse.OK,
                Long.toString(world.ids.messageId()))));
    }

    /**
     * The {@code MsgType 51 / StatusNotifyCode 4} message sent once after login: session names in
     * {@code StatusNotifyUserName}, permanent ids in the same order inside the escaped XML.
     */
    private Wire.Message conversationSync(WebSession session, long now) {
        List<String> userNames = new ArrayList<>();
        List<String> permanentIds = new ArrayList<>();
        for (ContactState chat : ContactViews.recentChats(session.account, RECENT_CHAT_LIMIT)) {
            userNames.add(session.userNameOf(chat));
            permanentIds.add(chat.permanentId());
        }
        String xml = "<msg>\n<op id='4'>\n<username>" + String.join(",", permanentIds) + "</username>\n"
                + "<unreadchatlist>\n</unreadchatlist>\n<unreadfunctionlist>\n</unreadfunctionlist>\n</op>\n</msg>";
        return Messages.statusNotify(world.ids.messageId(), session.selfUserName, session.selfUserName, 4,
                WebText.escape(xml), String.join(",", userNames), now);
    }
}
