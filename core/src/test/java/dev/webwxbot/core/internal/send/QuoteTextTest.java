package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteTextTest {

    private static final String LINE = "\n- - - - - - - - - - - - - - -\n";
    private static final Contact ALICE = new Contact("@alice", "Alice", "Ali", "", ContactKind.FRIEND, "");
    private static final Contact BOB = new Contact("@bob", "Bob", "", "", ContactKind.STRANGER, "");
    private static final Contact CAROL = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "");

    private final ContactBook contacts = contacts();
    private final Contact group = contacts.byUserName("@@hikers").orElseThrow();
    private final Contact self = contacts.self();

    @Test
    void inAPrivateChatTheQuoteNamesTheSenderByNicknameNotByRemark() {
        Outgoing.Quote quote = new Outgoing.Quote("7001", ALICE, "lunch at noon?", "yes", List.of());
        assertEquals("「Alice：lunch at noon?」" + LINE + "yes", QuoteText.render(contacts, ALICE, quote));
        assertEquals(List.of(), QuoteText.mentioned(contacts, ALICE, quote));
    }

    @Test
    void inAGroupTheQuotedMemberIsMentionedByTheNameTheGroupSees() {
        Outgoing.Quote quote = new Outgoing.Quote("7002", BOB, "who is in?", "me", List.of());
        assertEquals("「@Bobby\u2005：who is in?」" + LINE + "me", QuoteText.render(contacts, group, quote));
        assertEquals(List.of(BOB), QuoteText.mentioned(contacts, group, quote));
    }

    @Test
    void quotingItsOwnMessageTheAccountMentionsNobody() {
        Outgoing.Quote quote = new Outgoing.Quote("7003", self, "I will bring tea", "and cake", List.of());
        assertEquals("「Bot：I will bring tea」" + LINE + "and cake", QuoteText.render(contacts, group, quote));
        assertEquals(List.of(), QuoteText.mentioned(contacts, group, quote));
    }

    @Test
    void furtherMentionsLeadTheReplyAndTheQuotedMemberIsNotMentionedTwice() {
        Outgoing.Quote quote = new Outgoing.Quote("7004", BOB, "who is in?", "you two?", List.of(CAROL, BOB));
        assertEquals("「@Bobby\u2005：who is in?」" + LINE + "@Carol\u2005you two?",
                QuoteText.render(contacts, group, quote));
    }

    @Test
    void theQuotedTextIsOneLineCutAtEightyColumnsAsWeChatCutsANotification() {
        assertEquals("first second", QuoteText.shortened("first\nsecond\r\n"));
        assertEquals("a".repeat(80), QuoteText.shortened("a".repeat(80)), "exactly the width: nothing cut");
        assertEquals("a".repeat(80) + "…", QuoteText.shortened("a".repeat(81)));
        assertEquals("字".repeat(40) + "…", QuoteText.shortened("字".repeat(41)), "a Chinese character is two columns");
        assertEquals("a".repeat(78) + "😀…", QuoteText.shortened("a".repeat(78) + "😀😀"), "an emoji is never split");
    }

    private static ContactBook contacts() {
        ContactBook book = new ContactBook();
        book.setSelf(json("""
                {"UserName": "@self", "NickName": "Bot"}"""));
        book.put(json("""
                {"UserName": "@alice", "NickName": "Alice", "RemarkName": "Ali"}"""));
        book.put(json("""
                {"UserName": "@@hikers", "NickName": "Weekend hikers", "MemberList": [
                  {"UserName": "@self", "NickName": "Bot"},
                  {"UserName": "@bob", "NickName": "Bob", "DisplayName": "Bobby"},
                  {"UserName": "@carol", "NickName": "Carol"}]}"""));
        return book;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
