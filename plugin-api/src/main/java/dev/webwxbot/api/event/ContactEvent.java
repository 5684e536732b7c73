package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;

/**
 * A change of the address book or of a group the account is in, seen while the session is online. Each change is
 * raised once, whether the server told of it by a contact update, by a grey system line, or by both; nothing is
 * raised for what the session loads when it logs in. The grey line itself still arrives as a {@link SystemNotice}.
 *
 * <pre>{@code
 * switch (event) {
 *     case MemberJoined joined -> context.reply(new Outgoing.Text("welcome!", List.of(joined.member())));
 *     case ContactChanged changed when changed.changes().contains(ContactChanged.Change.REMARK) -> log(changed);
 *     default -> { }
 * }
 * }</pre>
 */
public sealed interface ContactEvent extends BotEvent permits ContactAdded, ContactRemoved, ContactChanged, GroupEvent {

    /** The chat the change belongs to: the group for a group event, else the contact; a reply goes there. */
    Contact chat();

    /** When it happened: the grey line's time when one told of it, else when the session learnt of it. */
    Instant time();
}
