package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;

/** A change of a group the account is in: created, renamed, a member joined or left, a new owner. */
public sealed interface GroupEvent extends ContactEvent
        permits GroupCreated, GroupRenamed, MemberJoined, MemberLeft, GroupOwnerChanged {

    /** The group, as the session knows it after the change. */
    Contact group();

    @Override
    default Contact chat() {
        return group();
    }
}
