package dev.webwxbot.server.webhook;

import dev.webwxbot.api.event.MessageEvent;
import java.util.List;
import java.util.Objects;

/**
 * What to do with a receiver's answer {@code {"reply":"text"}} or {@code {"reply":{"text":"…","mentions":[…]}}} to
 * a message event: the daemon sends {@code reply} to the message's chat, resolving the mention names among the
 * group's members. Called at most once per delivered event, on a virtual thread of the target (replies of one target
 * in the order of their events); it may block. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface WebhookReplies {

    /** Ignores every reply. */
    WebhookReplies NONE = (accountId, to, reply) -> { };

    /**
     * @param accountId the account that received {@code to}
     * @param to the message answered
     * @param reply what the receiver asked to send
     */
    void reply(String accountId, MessageEvent to, Reply reply);

    /**
     * A receiver's reply. Names, not contacts: the receiver knows members by name, and only the account's address
     * book can turn a name into a {@code Contact} for {@code Outgoing.Text}.
     *
     * @param text what to send; never blank
     * @param mentions names of group members to @-mention (in-group display name or nickname)
     */
    record Reply(String text, List<String> mentions) {
        public Reply {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) throw new IllegalArgumentException("a reply needs text");
            mentions = List.copyOf(mentions);
        }
    }
}
