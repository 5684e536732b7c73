package dev.webwxbot.api;

import dev.webwxbot.api.event.FriendRequest;
import java.util.List;

/**
 * Friend and group operations of the logged-in account. Each blocks until the server answered and never throws
 * for a refusal by the server, which comes back as a {@link Result.Failed}. They are paced together with sends.
 */
public interface AccountOperations {

    /** Accepts a friend request (webwxverifyuser, opcode 3). */
    Result<Void> acceptFriendRequest(FriendRequest request);

    /** Asks someone to become a friend (webwxverifyuser, opcode 2), with a greeting they will see. */
    Result<Void> addFriend(String userName, String greeting);

    /** Sets the remark name of a friend (webwxoplog). */
    Result<Void> setRemarkName(Contact friend, String remarkName);

    /** Creates a group with these friends (webwxcreatechatroom); the new group on success. */
    Result<Contact> createGroup(String topic, List<Contact> members);

    /** Adds friends to a group directly (webwxupdatechatroom fun=addmember). */
    Result<Void> addMembers(Contact group, List<Contact> members);

    /** Invites friends to a group; they join when they accept (webwxupdatechatroom fun=invitemember). */
    Result<Void> inviteMembers(Contact group, List<Contact> members);

    /** Removes members from a group this account owns (webwxupdatechatroom fun=delmember). */
    Result<Void> removeMembers(Contact group, List<Contact> members);

    /** Renames a group (webwxupdatechatroom fun=modtopic). */
    Result<Void> renameGroup(Contact group, String topic);
}
