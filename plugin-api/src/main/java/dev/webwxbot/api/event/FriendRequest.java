package dev.webwxbot.api.event;

import dev.webwxbot.api.Gender;
import java.util.Objects;

/**
 * Someone asks to become a friend.
 *
 * @param userName the requester's session-scoped id
 * @param nickName the requester's nickname
 * @param greeting the text they sent with the request
 * @param ticket the verification ticket needed to accept
 * @param scene how they found this account, as the protocol numbers it (14: through a group, see
 *     {@code viaGroupId}; other numbers are not documented)
 * @param permanentId the requester's id that stays the same at every login ({@code fromusername}, a
 *     {@code wxid_…} or a chosen WeChat id); empty when not sent
 * @param gender the requester's gender as their profile states it
 * @param alias the requester's WeChat id, often empty
 * @param province the requester's province, often empty
 * @param city the requester's city, often empty
 * @param signature the requester's profile signature ("What's Up"), often empty
 * @param bigAvatarUrl the address of the requester's avatar at full size ({@code bigheadimgurl}), often empty
 * @param smallAvatarUrl the address of the requester's small avatar ({@code smallheadimgurl}), often empty
 * @param viaGroupId the permanent id ({@code …@chatroom}) of the group through which the requester found this
 *     account ({@code chatroomusername}); empty when it was not through a group
 */
public record FriendRequest(
        Envelope envelope, String userName, String nickName, String greeting, String ticket, int scene,
        String permanentId, Gender gender, String alias, String province, String city, String signature,
        String bigAvatarUrl, String smallAvatarUrl, String viaGroupId) implements MessageEvent {
    public FriendRequest {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(nickName, "nickName");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(permanentId, "permanentId");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(bigAvatarUrl, "bigAvatarUrl");
        Objects.requireNonNull(smallAvatarUrl, "smallAvatarUrl");
        Objects.requireNonNull(viaGroupId, "viaGroupId");
    }

    /** As before the requester's profile was kept: gender unknown, the rest empty. */
    public FriendRequest(Envelope envelope, String userName, String nickName, String greeting, String ticket,
                         int scene) {
        this(envelope, userName, nickName, greeting, ticket, scene, "", Gender.UNKNOWN, "", "", "", "", "", "", "");
    }
}
