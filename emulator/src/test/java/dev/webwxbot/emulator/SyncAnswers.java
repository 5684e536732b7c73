package dev.webwxbot.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading a webwxsync answer in the conformance tests of contact and group changes. */
final class SyncAnswers {

    private SyncAnswers() {
    }

    /** The answer's ModContactList entries, checked against its ModContactCount. */
    static List<JsonNode> mods(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>();
        answer.path("ModContactList").forEach(out::add);
        assertEquals(answer.path("ModContactCount").asInt(), out.size());
        return out;
    }

    /** The answer's one ModContactList entry; fails when it has none or several. */
    static JsonNode onlyMod(JsonNode answer) {
        List<JsonNode> mods = mods(answer);
        assertEquals(1, mods.size(), answer.path("ModContactList").toString());
        return mods.getFirst();
    }

    /** The texts of the answer's messages, each checked to be a 10000 line. */
    static List<String> lines(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("AddMsgList").forEach(message -> {
            assertEquals(10000, message.path("MsgType").asInt(), message.toString());
            out.add(message.path("Content").asText());
        });
        return out;
    }

    /** The texts of the answer's 10000 lines, each checked to come from {@code chat}. */
    static List<String> lines(JsonNode answer, Contact chat) {
        answer.path("AddMsgList").forEach(message ->
                assertEquals(chat.userName(), message.path("FromUserName").asText(), message.toString()));
        return lines(answer);
    }

    /** The session names in a group entry's MemberList. */
    static List<String> memberNames(JsonNode group) {
        List<String> out = new ArrayList<>();
        group.path("MemberList").forEach(member -> out.add(member.path("UserName").asText()));
        return out;
    }
}
