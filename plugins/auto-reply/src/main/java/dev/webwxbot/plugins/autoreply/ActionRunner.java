package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.plugins.autoreply.Action.InviteToGroup.How;
import dev.webwxbot.plugins.autoreply.Action.Mention;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does a rule's actions, in order, through the Bot API, so every send and operation goes through the session's send
 * governor like any plugin's. An action that fails (the server refuses, a named chat is missing, the send throws)
 * is logged once as a WARN naming the rule, the action and the chat, and the following actions still run; only a
 * failed accept stops the rest, as there is then no friend to greet, invite or name. Thread-safe.
 */
final class ActionRunner {

    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);
    /** The official web page cuts remark names to 18 characters (PROTOCOL.md 8.2). */
    static final int MAX_REMARK = 18;

    private final Clock clock;
    private final Supplier<Optional<RemoteCalls>> remoteCalls;
    private final NamedChats chats = new NamedChats();
    private final NewFriends newFriends;
    /** Mentioned names not found in a group, logged once per rule and name. */
    private final Set<String> unknownMentions = ConcurrentHashMap.newKeySet();

    /**
     * @param newFriends where what follows an accept waits; the handler's, so a reload of the rules in between
     *     does not lose it
     * @param remoteCalls the HTTP client of the running plugin; empty before its start
     */
    ActionRunner(Clock clock, NewFriends newFriends, Supplier<Optional<RemoteCalls>> remoteCalls) {
        this.clock = clock;
        this.newFriends = newFriends;
        this.remoteCalls = remoteCalls;
    }

    /**
     * @param replyVia the handler's context when its event's chat is the occasion's chat: replies go through it
     */
    void run(Rule rule, List<Action> actions, Occasion occasion, Bot bot, Optional<HandlerContext> replyVia) {
        Template.TemplateValues values = occasion.values(rule.zone());
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            try {
                switch (action) {
                    case Action.Send send -> send(rule, send, occasion, values, bot, replyVia);
                    case Action.Accept accept -> {
                        accept(rule, accept, actions.subList(i + 1, actions.size()), occasion, bot);
                        return; // the rest runs when the new friend is there, or not at all
                    }
                    case Action.InviteToGroup invite -> invite(rule, invite, occasion, bot);
                    case Action.RemoveFromGroup remove -> remove(rule, remove, occasion, bot);
                    case Action.Forward forward -> forward(rule, forward, occasion, bot);
                    case Action.Http http -> remote(rule, http, occasion, bot, replyVia,
                            calls -> http.call().run(values, calls));
                    case Action.Llm llm -> remote(rule, llm, occasion, bot, replyVia,
                            calls -> llm.ask().run(values, conversation(occasion, bot), calls));
                }
            } catch (RuntimeException e) {
                warn(rule, action, "", e.toString());
            }
        }
    }

    private void send(Rule rule, Action.Send send, Occasion occasion, Template.TemplateValues values, Bot bot,
                      Optional<HandlerContext> replyVia) {
        Optional<Contact> target = send.to().isPresent()
                ? chats.resolve(rule, send, send.namedChats().getFirst(), bot.contacts()) : occasion.chat();
        if (target.isEmpty()) return;
        Outgoing outgoing = send.content().toOutgoing(values);
        if (outgoing instanceof Outgoing.Text text && !send.mentions().isEmpty() && target.get().isGroup()) {
            outgoing = new Outgoing.Text(text.text(), mentioned(rule, send, occasion, target.get(), bot.contacts()));
        }
        boolean reply = send.to().isEmpty() && replyVia.isPresent();
        SendReceipt receipt = reply ? replyVia.get().reply(outgoing) : bot.send(target.get(), outgoing);
        if (receipt instanceof SendReceipt.Failed failed) {
            warn(rule, send, LogNames.quoted(target.get().displayName()), failed.reason() + " (" + failed.detail() + ")");
        }
    }

    /** Who {@code send} mentions in {@code group}; a named member the group lacks is left out (logged once). */
    private List<Contact> mentioned(Rule rule, Action.Send send, Occasion occasion, Contact group, Contacts contacts) {
        List<Contact> found = new ArrayList<>();
        List<Contact> members = contacts.members(group);
        for (Mention mention : send.mentions()) {
            if (mention.who() != Mention.Who.NAMED) {
                Optional.ofNullable(occasion.roles().get(mention.who())).ifPresent(found::add);
                continue;
            }
            String wanted = Contacts.normalizeName(mention.name());
            Optional<Contact> member = members.stream().filter(m -> java.util.stream.Stream.of(m.groupDisplayName(),
                    m.nickName(), m.remarkName()).anyMatch(n -> Contacts.normalizeName(n).equals(wanted))).findFirst();
            if (member.isPresent()) {
                found.add(member.get());
            } else if (unknownMentions.add(rule.key() + "\u0000" + group.userName() + "\u0000" + wanted)) {
                warn(rule, send, LogNames.quoted(group.displayName()), "no member is named "
                        + LogNames.quoted(mention.name()) + ", so the text goes out without mentioning them");
            }
        }
        return found;
    }

    /**
     * Accepts, having first asked {@link NewFriends} to run the rest with the new friend: the remark name, then the
     * actions after accept. The new friend may already be in the address book when the accept returns (the sync
     * was quicker), so that is looked at too; whichever sees them first runs the rest.
     */
    private void accept(Rule rule, Action.Accept accept, List<Action> rest, Occasion occasion, Bot bot) {
        FriendRequest request = occasion.request().orElseThrow();
        String who = LogNames.quoted(request.nickName());
        newFriends.expect(request.userName(), clock.instant(), rule.label() + " for " + who,
                (friend, context) -> welcome(rule, accept, rest, occasion.withNewFriend(friend),
                        context.map(HandlerContext::bot).orElse(bot), context));
        Result<Void> accepted = bot.account().acceptFriendRequest(request);
        if (accepted instanceof Result.Failed<Void> failed) {
            newFriends.cancel(request.userName());
            log.warn("auto-reply: {}: the accept action failed for {}: {} ({}); the rule's other actions are not run,"
                    + " as there is no new friend", LogNames.clean(accept.site().describe(rule.label(), "")), who,
                    failed.reason(), LogNames.clean(failed.detail()));
            return;
        }
        bot.contacts().byUserName(request.userName()).filter(c -> c.kind() == ContactKind.FRIEND)
                .ifPresent(friend -> newFriends.arrived(friend, clock.instant(), Optional.empty()));
    }

    private void welcome(Rule rule, Action.Accept accept, List<Action> rest, Occasion occasion, Bot bot,
                         Optional<HandlerContext> context) {
        Contact friend = occasion.person().orElseThrow();
        if (accept.remark().isPresent()) {
            String remark = remarkName(accept.remark().get().render(occasion.values(rule.zone())));
            Result<Void> set = remark.isEmpty() ? Result.done() : bot.account().setRemarkName(friend, remark);
            if (set instanceof Result.Failed<Void> failed) {
                warn(rule, accept, LogNames.quoted(friend.displayName()), "the remark name was not set: "
                        + failed.reason() + " (" + failed.detail() + ")");
            }
        }
        run(rule, rest, occasion, bot, context);
    }

    /**
     * A remark name as WeChat's web page sets one (PROTOCOL.md 8.2): at most {@value #MAX_REMARK} characters, so a
     * long nickname or verification text in the template cannot make the server refuse it.
     */
    static String remarkName(String rendered) {
        String remark = rendered.strip();
        if (remark.codePointCount(0, remark.length()) <= MAX_REMARK) return remark;
        return remark.substring(0, remark.offsetByCodePoints(0, MAX_REMARK)).strip();
    }

    private void invite(Rule rule, Action.InviteToGroup invite, Occasion occasion, Bot bot) {
        Optional<Contact> group = chats.resolve(rule, invite, invite.namedChats().getFirst(), bot.contacts());
        Contact person = occasion.person().orElseThrow();
        if (group.isEmpty()) return;
        List<Contact> members = bot.contacts().members(group.get());
        if (members.stream().anyMatch(m -> m.userName().equals(person.userName()))) {
            log.debug("auto-reply: {}: {} is already in {}", rule.label(), LogNames.quoted(person.displayName()),
                    LogNames.quoted(group.get().displayName()));
            return;
        }
        boolean byInvitation = invite.how() == How.INVITE
                || invite.how() == How.AUTO && members.size() + 1 >= How.INVITE_FROM;
        Result<Void> done = byInvitation ? bot.account().inviteMembers(group.get(), List.of(person))
                : bot.account().addMembers(group.get(), List.of(person));
        if (done instanceof Result.Failed<Void> failed) {
            warn(rule, invite, LogNames.quoted(group.get().displayName()), (byInvitation ? "inviting " : "adding ")
                    + LogNames.quoted(person.displayName()) + " failed: " + failed.reason() + " (" + failed.detail() + ")");
        }
    }

    private void remove(Rule rule, Action.RemoveFromGroup remove, Occasion occasion, Bot bot) {
        Optional<Contact> group = chats.resolve(rule, remove, remove.namedChats().getFirst(), bot.contacts());
        Contact person = occasion.person().orElseThrow();
        if (group.isEmpty()) return;
        if (bot.contacts().members(group.get()).stream().noneMatch(m -> m.userName().equals(person.userName()))) {
            log.debug("auto-reply: {}: {} is not in {}", rule.label(), LogNames.quoted(person.displayName()),
                    LogNames.quoted(group.get().displayName()));
            return;
        }
        Result<Void> done = bot.account().removeMembers(group.get(), List.of(person));
        if (done instanceof Result.Failed<Void> failed) {
            warn(rule, remove, LogNames.quoted(group.get().displayName()), "removing "
                    + LogNames.quoted(person.displayName()) + " failed: " + failed.reason() + " (" + failed.detail()
                    + "; only the group's owner can remove members)");
        }
    }

    private void forward(Rule rule, Action.Forward forward, Occasion occasion, Bot bot) {
        Outgoing message = Outgoing.forward(occasion.message().orElseThrow());
        for (Action.NamedChat named : forward.namedChats()) {
            Optional<Contact> chat = chats.resolve(rule, forward, named, bot.contacts());
            if (chat.isEmpty()) continue;
            SendReceipt receipt = bot.send(chat.get(), message);
            if (receipt instanceof SendReceipt.Failed failed) {
                warn(rule, forward, LogNames.quoted(chat.get().displayName()), failed.reason() + " (" + failed.detail()
                        + ")");
            }
        }
    }

    /**
     * Sends what a web service or a model answered to the occasion's chat; the remote action logs its own failures
     * (and may answer them with its configured text), so an empty answer is simply nothing to say.
     */
    private void remote(Rule rule, Action action, Occasion occasion, Bot bot, Optional<HandlerContext> replyVia,
                        Function<RemoteCalls, Optional<String>> ask) {
        Optional<RemoteCalls> calls = remoteCalls.get();
        if (calls.isEmpty()) {
            warn(rule, action, "", "the plugin has not been started, so it makes no calls");
            return;
        }
        Optional<String> answer = ask.apply(calls.get()).filter(text -> !text.isBlank());
        if (answer.isEmpty()) return;
        Outgoing text = Outgoing.text(answer.get());
        Contact chat = occasion.chat().orElseThrow();
        SendReceipt receipt = replyVia.isPresent() ? replyVia.get().reply(text) : bot.send(chat, text);
        if (receipt instanceof SendReceipt.Failed failed) {
            warn(rule, action, LogNames.quoted(chat.displayName()), failed.reason() + " (" + failed.detail() + ")");
        }
    }

    /**
     * Whose conversation with a model a message belongs to: this account and the chat (the caps per chat count
     * it), and the person in it, each by the most stable name the address book has (session ids change at every
     * login).
     */
    static LlmAction.Conversation conversation(Occasion occasion, Bot bot) {
        Contacts contacts = bot.contacts();
        Contact chat = occasion.chat().orElseThrow();
        return new LlmAction.Conversation(stable(contacts, bot.self()) + "/" + stable(contacts, chat),
                occasion.person().map(person -> stable(contacts, person)).orElse(""));
    }

    private static String stable(Contacts contacts, Contact contact) {
        return contacts.identity(contact).map(Identity::toString).orElse(contact.userName());
    }

    /** One WARN for a failed action: the rule, where the action is written, the chat, and why. */
    private static void warn(Rule rule, Action action, String chat, String why) {
        String kind = action.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        log.warn("auto-reply: {}: the {} action failed{}: {}; the rule's other actions go on",
                LogNames.clean(action.site().describe(rule.label(), "")), kind, chat.isEmpty() ? "" : " in " + chat,
                LogNames.clean(why));
    }
}
