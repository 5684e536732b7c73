package dev.webwxbot.api;

/**
 * How far the bot trusts a person, from least to most. The operator assigns roles in the configuration by each
 * person's {@link Identity} (per account, and per group); a group's owner from the protocol counts as that
 * group's admin. Commands and handlers declare the role they need.
 */
public enum Role {
    /** Never heard: the bot ignores everything this person says (the operator's blocklist). */
    BLOCKED,
    /** Anyone who can write to the bot: strangers included. */
    ANYONE,
    /** A friend of the account, or a member of the group the message was said in. */
    MEMBER,
    /** Trusted to run administrative commands: everywhere, or in one group. */
    ADMIN,
    /** The bot's operator: every command, everywhere. The account itself (its phone) is always the owner. */
    OWNER;

    /** Whether this role is {@code needed} or more trusted. */
    public boolean atLeast(Role needed) {
        return compareTo(needed) >= 0;
    }
}
