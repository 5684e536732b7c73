package dev.webwxbot.core.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Friend and group operations (PROTOCOL.md 8), built as the official page builds them. Thread-safe. */
public final class AccountCalls {
    /** {@code SceneList} value ADDSCENE_PF_WEB (8.1). */
    private static final int SCENE_WEB = 33;
    /** Treated as success by the official page for group creation and member changes (8.3, 8.4; Unsettled). */
    public static final int PARTIAL_SUCCESS = -2013;

    private final SessionCalls session;

    AccountCalls(SessionCalls session) {
        this.session = session;
    }

    /** webwxverifyuser (8.1): opcode 2 sends a request with {@code content}, 3 accepts one with its ticket. */
    public CompletableFuture<Void> verifyUser(Credentials credentials, int opcode, String userName, String ticket,
                                              String content) {
        URI uri = session.api("webwxverifyuser").param("r", System.currentTimeMillis()).param("lang", session.lang())
                .param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        body.put("Opcode", opcode);
        body.put("VerifyUserListSize", 1);
        body.putArray("VerifyUserList").addObject().put("Value", userName).put("VerifyUserTicket", ticket);
        body.put("VerifyContent", content);
        body.put("SceneListCount", 1);
        body.putArray("SceneList").add(SCENE_WEB);
        body.put("skey", credentials.skey());
        return session.post("webwxverifyuser", uri, body).thenApply(node -> null);
    }

    /** webwxoplog CmdId 2 (8.2): sets a remark name. */
    public CompletableFuture<Void> setRemarkName(Credentials credentials, String userName, String remarkName) {
        URI uri = session.api("webwxoplog").param("lang", session.lang())
                .param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        body.put("CmdId", 2);
        body.put("RemarkName", remarkName);
        body.put("UserName", userName);
        return session.post("webwxoplog", uri, body).thenApply(node -> null);
    }

    /** webwxcreatechatroom (8.3): the answer, whose {@code ChatRoomName} is the new group. */
    public CompletableFuture<JsonNode> createChatRoom(Credentials credentials, String topic, List<String> members) {
        URI uri = session.api("webwxcreatechatroom").param("r", System.currentTimeMillis())
                .param("lang", session.lang()).param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        body.put("MemberCount", members.size());
        ArrayNode list = body.putArray("MemberList");
        members.forEach(member -> list.addObject().put("UserName", member));
        body.put("Topic", topic);
        return postAllowingPartial("webwxcreatechatroom", uri, body);
    }

    /**
     * webwxupdatechatroom (8.4): {@code fun} is addmember, invitemember or delmember with the comma-separated
     * names, or modtopic with the new topic.
     */
    public CompletableFuture<JsonNode> updateChatRoom(Credentials credentials, String fun, String group,
                                                      String value) {
        URI uri = session.api("webwxupdatechatroom").param("fun", fun).param("lang", session.lang())
                .param("pass_ticket", credentials.passTicket()).uri();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("BaseRequest", SessionCalls.baseRequest(credentials, false));
        body.put("ChatRoomName", group);
        switch (fun) {
            case "addmember" -> body.put("AddMemberList", value);
            case "invitemember" -> body.put("InviteMemberList", value);
            case "delmember" -> body.put("DelMemberList", value);
            case "modtopic" -> body.put("NewTopic", value);
            default -> throw new IllegalArgumentException("unknown webwxupdatechatroom fun " + fun);
        }
        return postAllowingPartial("webwxupdatechatroom", uri, body);
    }

    private CompletableFuture<JsonNode> postAllowingPartial(String endpoint, URI uri, ObjectNode body) {
        return session.caller().postJson(endpoint, uri, body, java.time.Duration.ofSeconds(30)).thenApply(node -> {
            if (Json.integer(node.path("BaseResponse"), "Ret", Integer.MIN_VALUE) != PARTIAL_SUCCESS) {
                SessionCalls.checkRet(endpoint, node);
            }
            return node;
        });
    }
}
