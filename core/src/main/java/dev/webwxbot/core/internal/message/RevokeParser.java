package dev.webwxbot.core.internal.message;

import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.RevokeNotice;
import java.util.Optional;

/**
 * A revoke ({@code MsgType 10002}, PROTOCOL.md 9.5.13): {@code <sysmsg type="revokemsg"><revokemsg><session/>
 * <oldmsgid/><msgid/><replacemsg><![CDATA[…]]></replacemsg>}. {@code msgid 0} means "my last message in this
 * chat" and is kept; without {@code msgid} the {@code oldmsgid} names the withdrawn message. {@code session} is the
 * chat's permanent id.
 */
final class RevokeParser {

    private RevokeParser() {
    }

    /** Empty when the payload is not a readable revoke (no message id). */
    static Optional<RevokeNotice> parse(Envelope envelope, String content) {
        XmlPayload xml = XmlPayload.of(content);
        String msgId = xml.text("revokemsg", "msgid");
        if (msgId.isEmpty()) msgId = xml.text("revokemsg", "oldmsgid");
        if (msgId.isEmpty()) return Optional.empty();
        return Optional.of(new RevokeNotice(envelope, msgId, xml.text("revokemsg", "replacemsg"),
                xml.text("revokemsg", "session"), xml.text("revokemsg", "oldmsgid")));
    }
}
