package dev.webwxbot.api.event;

import dev.webwxbot.api.Gender;
import java.util.Objects;

/**
 * A shared contact card (a person or an official account).
 *
 * @param userName the card subject's session-scoped id, empty when the server gave none
 * @param nickName the subject's nickname
 * @param alias the subject's WeChat id, often empty
 * @param province the subject's province, often empty
 * @param city the subject's city, often empty
 * @param official whether the subject is an official account
 * @param gender the subject's gender as their profile states it
 * @param signature the subject's profile signature ("What's Up"), often empty
 * @param bigAvatarUrl the address of the subject's avatar at full size ({@code bigheadimgurl}), often empty
 * @param smallAvatarUrl the address of the subject's small avatar ({@code smallheadimgurl}), often empty
 * @param scene how the card was shared, as the protocol numbers it (the captures show 17), 0 when not said
 * @param permanentId the subject's id that stays the same at every login ({@code <msg username=…>}): a
 *     {@code wxid_…}, an official account's {@code gh_…}, or, for a stranger, a {@code v1_…@stranger}; empty when
 *     not sent
 */
public record CardMessage(
        Envelope envelope, String userName, String nickName, String alias, String province, String city,
        boolean official, Gender gender, String signature, String bigAvatarUrl, String smallAvatarUrl, int scene,
        String permanentId) implements MessageEvent {
    public CardMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(nickName, "nickName");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(bigAvatarUrl, "bigAvatarUrl");
        Objects.requireNonNull(smallAvatarUrl, "smallAvatarUrl");
        Objects.requireNonNull(permanentId, "permanentId");
    }

    /** As before the profile's other fields were kept: gender unknown, the rest empty or 0. */
    public CardMessage(Envelope envelope, String userName, String nickName, String alias, String province,
                       String city, boolean official) {
        this(envelope, userName, nickName, alias, province, city, official, Gender.UNKNOWN, "", "", "", 0, "");
    }
}
