package dev.webwxbot.plugins.autoreply;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One thing a rule does, in the order the operator listed them ({@code actions = [ … ]}; {@code reply} and
 * {@code replies} are shorthand for sends to the event's chat). Each knows where it was written, so that what goes
 * wrong with it at run time, or a chat it names that does not exist, is reported with the file and line. Immutable
 * and thread-safe.
 */
sealed interface Action {

    /** Where the operator wrote it. */
    Site site();

    /** The chats it names, to be found in the address book; empty for none. */
    default List<NamedChat> namedChats() {
        return List.of();
    }

    /**
     * Where an action was written: {@code config/auto-reply.conf:12}, and its key relative to the rule
     * ({@code actions[2]}, {@code reply}, {@code replies[1]}).
     */
    record Site(Optional<String> origin, String key) {
        /** {@code file:line: rule 3 (name): actions[2].what}: how a problem of the action is introduced. */
        String describe(String ruleLabel, String what) {
            return origin.map(o -> o + ": ").orElse("") + ruleLabel + ": " + key + (what.isEmpty() ? "" : "." + what);
        }
    }

    /**
     * A chat an action names, with the key that names it.
     *
     * @param mustBeGroup whether it has to be a group (invite-to, remove-from)
     */
    record NamedChat(String name, String key, boolean mustBeGroup) {
    }

    /** Who a {@code mention} names: a role in the event, or a member by name. */
    record Mention(Who who, String name) {
        enum Who {
            SENDER, MEMBER, INVITER, NAMED;

            String configName() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /**
     * Sends a text, picture or file: to the event's chat, or to the chat named {@code to}; in a group, @-mentioning
     * {@code mentions} (a text only).
     */
    record Send(Site site, Optional<String> to, ReplyAction content, List<Mention> mentions) implements Action {
        public Send {
            mentions = List.copyOf(mentions);
        }

        @Override
        public List<NamedChat> namedChats() {
            return to.map(name -> List.of(new NamedChat(name, "send-to", false))).orElse(List.of());
        }
    }

    /** Accepts the friend request, then gives the new friend {@code remark} as remark name when there is one. */
    record Accept(Site site, Optional<Template> remark) implements Action {
    }

    /** Brings the person into the group {@code group}: added at once, or sent an invitation ({@link How}). */
    record InviteToGroup(Site site, String group, How how) implements Action {
        /**
         * How a person is brought in (PROTOCOL.md 8.4, webwxupdatechatroom): {@code add} ({@code fun=addmember}, they
         * are in at once), {@code invite} ({@code fun=invitemember}, they get an invitation card and join when they
         * accept it), or {@code auto} as the official web page chooses: invite once the group would reach 40 members.
         */
        enum How {
            AUTO, ADD, INVITE;

            /** The official page invites when {@code members + new >= 40} ({@code InviteStartCount}). */
            static final int INVITE_FROM = 40;

            String configName() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        @Override
        public List<NamedChat> namedChats() {
            return List.of(new NamedChat(group, "invite-to", true));
        }
    }

    /** Removes the person from the group {@code group} (the account must own it). */
    record RemoveFromGroup(Site site, String group) implements Action {
        @Override
        public List<NamedChat> namedChats() {
            return List.of(new NamedChat(group, "remove-from", true));
        }
    }

    /** Calls a web service and answers in the event's chat with what it returns ({@link HttpAction}). */
    record Http(Site site, HttpAction call) implements Action {
    }

    /** Asks an OpenAI-compatible model and answers in the event's chat ({@link LlmAction}). */
    record Llm(Site site, LlmAction ask) implements Action {
    }

    /** Forwards the message, whatever its kind, to each chat of {@code to} in turn. */
    record Forward(Site site, List<String> to) implements Action {
        public Forward {
            to = List.copyOf(to);
        }

        @Override
        public List<NamedChat> namedChats() {
            return to.stream().map(name -> new NamedChat(name, "forward-to", false)).toList();
        }
    }
}
