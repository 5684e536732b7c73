package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.plugins.autoreply.Action.Mention.Who;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an event sets a rule off, and what the rule's actions then see ({@link Occasion}). The account's own
 * doings never do: messages it sent, its own joining or leaving. Stateless.
 */
final class Occasions {

    private Occasions() {
    }

    /**
     * The occasion when {@code event} fits {@code rule}'s trigger, scope, mention and time window; else empty.
     *
     * @param myNickName the account's nickname, whose @-mention is taken out of a text before it is matched
     */
    static Optional<Occasion> of(Rule rule, BotEvent event, Instant now, String myNickName) {
        return switch (rule.trigger()) {
            case Trigger.Text text when event instanceof TextMessage message ->
                    message(rule, message, Optional.of(text.textMatcher()), now, myNickName);
            case Trigger.Message kinds when event instanceof MessageEvent message
                    && MessageKind.of(message).filter(kinds.kinds()::contains).isPresent() ->
                    message(rule, message, kinds.textMatcher(), now, myNickName);
            case Trigger.FriendRequest request when event instanceof FriendRequest asked -> friendRequest(rule,
                    request, asked, now);
            case Trigger.MemberJoined ignored when event instanceof MemberJoined joined
                    && joined.member().kind() != ContactKind.SELF -> groupChange(rule, joined.group(), joined.member(),
                    joined.inviter(), now);
            case Trigger.MemberLeft ignored when event instanceof MemberLeft left && !left.selfLeft() ->
                    groupChange(rule, left.group(), left.member(), Optional.empty(), now);
            case Trigger.Revoke ignored when event instanceof RevokeNotice revoke -> revoke(rule, revoke, now);
            default -> Optional.empty();
        };
    }

    /**
     * The occasion a text gives a rule whatever its matcher says (scope, mention and window still count): a
     * follow-up in a conversation the rule's model is holding.
     */
    static Optional<Occasion> followUp(Rule rule, TextMessage text, Instant now, String myNickName) {
        return message(rule, text, Optional.empty(), now, myNickName);
    }

    private static Optional<Occasion> message(Rule rule, MessageEvent message, Optional<TextMatcher> matcher,
                                              Instant now, String myNickName) {
        Envelope envelope = message.envelope();
        boolean isText = message instanceof TextMessage;
        if (envelope.fromSelf() || !rule.admits(envelope, isText, now)) return Optional.empty();
        String text = "";
        if (message instanceof TextMessage said) {
            text = envelope.mentionsMe() ? MentionText.withoutMentionOfMe(said.text(), myNickName) : said.text();
        }
        Captures captures = Captures.NONE;
        if (isText && matcher.isPresent()) {
            Optional<Captures> matched = matcher.get().match(text);
            if (matched.isEmpty()) return Optional.empty();
            captures = matched.get();
        }
        Map<String, String> fields = chatFields(envelope.chat());
        fields.put("sender", envelope.sender().displayName());
        fields.put("text", text);
        return Optional.of(new Occasion(Optional.of(message), Optional.empty(), Optional.of(envelope.chat()),
                Optional.of(envelope.sender()), Map.of(Who.SENDER, envelope.sender()), fields, captures, now));
    }

    private static Optional<Occasion> friendRequest(Rule rule, Trigger.FriendRequest trigger, FriendRequest request,
                                                    Instant now) {
        if (!rule.inForce(now)) return Optional.empty();
        Optional<Captures> captures = trigger.textMatcher().map(m -> m.match(request.greeting()))
                .orElse(Optional.of(Captures.NONE));
        return captures.map(matched -> new Occasion(Optional.empty(), Optional.of(request), Optional.empty(),
                Optional.empty(), Map.of(), Map.of("nickname", request.nickName(), "greeting", request.greeting()),
                matched, now));
    }

    private static Optional<Occasion> groupChange(Rule rule, Contact group, Contact member, Optional<Contact> inviter,
                                                  Instant now) {
        if (!rule.scope().admitsNames(group, member) || !rule.inForce(now)) return Optional.empty();
        Map<String, String> fields = chatFields(group);
        fields.put("member", seenInGroup(member));
        fields.put("inviter", inviter.map(Occasions::seenInGroup).orElse(""));
        Map<Who, Contact> roles = new EnumMap<>(Who.class);
        roles.put(Who.MEMBER, member);
        inviter.filter(who -> who.kind() != ContactKind.SELF).ifPresent(who -> roles.put(Who.INVITER, who));
        return Optional.of(new Occasion(Optional.empty(), Optional.empty(), Optional.of(group), Optional.of(member),
                roles, fields, Captures.NONE, now));
    }

    private static Optional<Occasion> revoke(Rule rule, RevokeNotice revoke, Instant now) {
        Envelope envelope = revoke.envelope();
        if (envelope.fromSelf() || !rule.admits(envelope, false, now)) return Optional.empty();
        Map<String, String> fields = chatFields(envelope.chat());
        fields.put("sender", envelope.sender().displayName());
        return Optional.of(new Occasion(Optional.empty(), Optional.empty(), Optional.of(envelope.chat()),
                Optional.of(envelope.sender()), Map.of(Who.SENDER, envelope.sender()), fields, Captures.NONE, now));
    }

    /**
     * The name a group's members see for {@code member}: the in-group name, else the nickname; never the remark name,
     * which only this account knows and a welcome in the group would give away.
     */
    private static String seenInGroup(Contact member) {
        if (!member.groupDisplayName().isEmpty()) return member.groupDisplayName();
        return member.nickName().isEmpty() ? member.displayName() : member.nickName();
    }

    private static Map<String, String> chatFields(Contact chat) {
        Map<String, String> fields = new HashMap<>();
        fields.put("chat", chat.displayName());
        fields.put("group", chat.isGroup() ? chat.displayName() : "");
        return fields;
    }
}
