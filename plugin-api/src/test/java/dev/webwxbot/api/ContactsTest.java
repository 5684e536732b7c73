package dev.webwxbot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactsTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Contact ALICE_WONG = new Contact("@wong", "Alice Wong", "", "", ContactKind.FRIEND, "");
    private static final Contact CAROL = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "Alice");
    private static final Contact FILE_HELPER = new Contact("filehelper", "文件传输助手", "", "", ContactKind.SPECIAL, "");

    @Test
    void normalizedNamesIgnoreCaseWidthAndWhitespace() {
        assertEquals("alice wong", Contacts.normalizeName("  Ａｌｉｃｅ　\t Wong "));
        assertEquals("alice", Contacts.normalizeName("ALICE"));
        assertEquals("张三 🔥", Contacts.normalizeName("张三  🔥"));
        assertEquals("", Contacts.normalizeName(" \u3000 "));
    }

    @Test
    void theDefaultFindExactKeepsTheResultsOfFindThatCarryTheWholeName() {
        Contacts contacts = new FixedFind(List.of(ALICE, CAROL, ALICE_WONG, FILE_HELPER));
        assertEquals(List.of(ALICE, CAROL), contacts.findExact(" alice "), "remark, nickname, alias or in-group name");
        assertEquals(List.of(FILE_HELPER), contacts.findExact("FILEHELPER"), "a special account's id");
        assertEquals(List.of(), contacts.findExact("Wong"));
        assertEquals(List.of(), contacts.findExact(" "));
    }

    /** Contacts whose find answers the same list whatever the query, as a fake in a plugin's test might. */
    private record FixedFind(List<Contact> found) implements Contacts {
        public Optional<Contact> byUserName(String userName) {
            return Optional.empty();
        }

        public List<Contact> find(String query) {
            return found;
        }

        public List<Contact> members(Contact group) {
            return List.of();
        }

        public List<Contact> all() {
            return found;
        }
    }
}
