package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FriendRequest;
import java.util.Optional;

/**
 * A friend request ({@code MsgType 37} from {@code fmessage}, PROTOCOL.md 9.5.4). {@code userName} is the
 * session name to accept with; without {@code RecommendInfo} it falls back to the content's
 * {@code encryptusername} ({@code v1_…@stranger}), then {@code fromusername}. The profile (gender, alias, place,
 * signature) is the object's, else the attributes'; the avatars, the permanent {@code fromusername} and the group it
 * came through ({@code chatroomusername}) are only in the attributes.
 */
final class FriendRequestParser {

    private FriendRequestParser() {
    }

    /** Empty when nothing identifies the requester (no name and no ticket) or the payload is hostile. */
    static Optional<FriendRequest> parse(Envelope envelope, JsonNode message, String content) {
        RecommendInfo info = new RecommendInfo(message, content);
        if (info.hostile()) return Optional.empty();
        String userName = info.text("UserName", "encryptusername", "fromusername");
        String ticket = info.text("Ticket", "ticket");
        if (userName.isEmpty() && ticket.isEmpty()) return Optional.empty();
        return Optional.of(new FriendRequest(envelope, userName, info.text("NickName", "fromnickname"),
                info.text("Content", "content"), ticket, info.number("Scene", "scene"),
                info.contentText("fromusername"), Gender.ofCode(info.number("Sex", "sex")), info.text("Alias", "alias"),
                info.text("Province", "province"), info.text("City", "city"), info.text("Signature", "sign"),
                info.contentText("bigheadimgurl"), info.contentText("smallheadimgurl"),
                info.contentText("chatroomusername")));
    }

    /** The official page ignores a request whose requester is the logged-in user. */
    static boolean isFromSelf(JsonNode message, String selfUserName) {
        return selfUserName.equals(message.path("RecommendInfo").path("UserName").asText(""));
    }
}
