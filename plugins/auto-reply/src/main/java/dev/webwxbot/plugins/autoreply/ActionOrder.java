package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.plugins.autoreply.Action.Mention;
import dev.webwxbot.plugins.autoreply.Trigger.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether each action of a rule can do its work after the rule's trigger and the actions before it: a reply needs
 * a chat to reply in, an invite someone to invite, a forward a message; a friend request has neither a chat nor a
 * friend until it was accepted. Checked when the rules load, so none of this fails later in a chat. Stateless.
 */
final class ActionOrder {

    /** The triggers whose event has a chat to reply in and a person to act on from the start. */
    private static final Set<Kind> WITH_CHAT =
            EnumSet.of(Kind.TEXT, Kind.MESSAGE, Kind.MEMBER_JOINED, Kind.MEMBER_LEFT, Kind.REVOKE);
    private static final Set<Kind> WITH_MESSAGE = EnumSet.of(Kind.TEXT, Kind.MESSAGE);

    private ActionOrder() {
    }

    static void check(PluginSettings rule, String key, Trigger trigger, List<Action> actions,
                      List<InvalidSettingsException> problems) {
        Kind kind = trigger.kind();
        boolean accepted = false;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            String at = key.equals("reply") ? key : key + "." + i;
            boolean hasChat = WITH_CHAT.contains(kind) || accepted;
            String noChat = kind == Kind.FRIEND_REQUEST ? "comes before accept: until the request is accepted"
                    + " there is nobody to answer" : "has no chat to answer in after on = " + kind.configName();
            switch (action) {
                case Action.Send send -> {
                    if (send.to().isEmpty() && !hasChat) {
                        problems.add(rule.invalid(at, "replies, but the rule " + noChat + "; name a chat with"
                                + " send-to = \"…\""));
                    }
                    for (Mention mention : send.mentions()) {
                        mentionFits(mention, kind).ifPresent(why -> problems.add(rule.invalid(at + ".mention", why)));
                    }
                }
                case Action.Accept ignored -> {
                    if (kind != Kind.FRIEND_REQUEST) {
                        problems.add(rule.invalid(at + ".accept", "accepts friend requests: it needs on ="
                                + " friend-request, not on = " + kind.configName()));
                    } else if (accepted) {
                        problems.add(rule.invalid(at + ".accept", "the request is already accepted by an earlier"
                                + " action"));
                    }
                    accepted = true;
                }
                case Action.InviteToGroup ignored -> personNeeded(rule, at + ".invite-to", hasChat, kind, problems);
                case Action.RemoveFromGroup ignored -> personNeeded(rule, at + ".remove-from", hasChat, kind, problems);
                case Action.Http ignored -> {
                    if (!hasChat) problems.add(rule.invalid(at + ".http", "answers, but the rule " + noChat));
                }
                case Action.Llm ignored -> {
                    if (!WITH_MESSAGE.contains(kind)) {
                        problems.add(rule.invalid(at + ".llm", "answers a message in its chat, remembering the"
                                + " conversation: it needs on = text or on = message, not on = " + kind.configName()));
                    }
                }
                case Action.Forward ignored -> {
                    if (!WITH_MESSAGE.contains(kind)) {
                        problems.add(rule.invalid(at + ".forward-to", "forwards the message that set the rule off:"
                                + " it needs on = text or on = message, not on = " + kind.configName()));
                    }
                }
            }
        }
    }

    private static void personNeeded(PluginSettings rule, String at, boolean hasPerson, Kind kind,
                                     List<InvalidSettingsException> problems) {
        if (hasPerson) return;
        problems.add(rule.invalid(at, "acts on the person who set the rule off, but " + (kind == Kind.FRIEND_REQUEST
                ? "it comes before accept: until the request is accepted there is no friend to act on"
                : "on = " + kind.configName() + " has nobody")));
    }

    /** Why {@code mention} cannot name anyone after this trigger; empty when it can. */
    private static java.util.Optional<String> mentionFits(Mention mention, Kind kind) {
        boolean fits = switch (mention.who()) {
            case SENDER -> kind == Kind.TEXT || kind == Kind.MESSAGE || kind == Kind.REVOKE;
            case MEMBER -> kind == Kind.MEMBER_JOINED || kind == Kind.MEMBER_LEFT;
            case INVITER -> kind == Kind.MEMBER_JOINED;
            case NAMED -> true;
        };
        return fits ? java.util.Optional.empty() : java.util.Optional.of(mention.who().configName()
                + " has no one to stand for after on = " + kind.configName() + "; sender goes with text, message and"
                + " revoke, member with member-joined and member-left, inviter with member-joined");
    }
}
