package dev.webwxbot.core.internal.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@code Contacts.find} and {@code findExact} on an address book filled as the session fills it. */
class ContactSearchTest {

    private final ContactBook book = new ContactBook();

    ContactSearchTest() {
        book.setSelf(node("@self", "Bot"));
    }

    @Test
    void caseIsIgnored() {
        put(node("@alice", "Alice"));
        assertEquals(List.of("@alice"), ids(book.find("alice")));
        assertEquals(List.of("@alice"), ids(book.find("ALICE")));
    }

    @Test
    void fullWidthLettersAndSurroundingOrRepeatedWhitespaceAreIgnored() {
        put(node("@alice", "Alice Wong"));
        put(node("@bob", "Ｂｏｂ　Ｌｅｅ"));
        assertEquals(List.of("@alice"), ids(book.find("Ａｌｉｃｅ")));
        assertEquals(List.of("@alice"), ids(book.find("  alice   wong ")));
        assertEquals(List.of("@bob"), ids(book.find("bob lee")));
        assertTrue(book.find("   ").isEmpty(), "a blank query finds nothing");
    }

    @Test
    void emojiInNamesAreDecodedAndSearchable() {
        put(node("@fire", "<span class=\"emoji emoji1f525\"></span>Fire"));
        assertEquals(List.of("@fire"), ids(book.find("🔥")));
        assertEquals("🔥Fire", book.find("fire").getFirst().nickName());
    }

    @Test
    void aPrefixOrAnyPartOfAGroupsNameFindsTheGroup() {
        put(node("@@hikers", "Weekend hikers"));
        assertEquals(List.of("@@hikers"), ids(book.find("Weekend")));
        assertEquals(List.of("@@hikers"), ids(book.find("hike")));
    }

    @Test
    void exactComesBeforePrefixBeforeSubstringBeforePinyin() {
        put(node("@joanne", "Joanne"));
        put(node("@anna-zh", "安娜"));
        put(node("@anna", "Anna"));
        put(node("@ann", "ann"));
        assertEquals(List.of("@ann", "@anna", "@joanne", "@anna-zh"), ids(book.find("Ann")));
    }

    @Test
    void withinARankRemarkComesBeforeNicknameBeforeAliasBeforeInGroupName() {
        put(node("@by-alias", "Zed").put("Alias", "sam"));
        put(node("@by-nick", "Sam"));
        put(node("@by-remark", "Yan").put("RemarkName", "Sam"));
        put(group("@@g", "Group", member("@by-group-name", "Xu", "Sam")));
        assertEquals(List.of("@by-remark", "@by-nick", "@by-alias", "@by-group-name"), ids(book.find("sam")));
    }

    @Test
    void withinARankAndNameTheOrderIsByNameThenByUserName() {
        put(node("@b", "Samuel"));
        put(node("@c", "Sam"));
        put(node("@a", "Samantha"));
        put(node("@d", "Sam"));
        assertEquals(List.of("@c", "@d", "@a", "@b"), ids(book.find("sam")));
    }

    @Test
    void aGroupMemberWhoIsNoFriendIsFoundByNicknameAndByInGroupName() {
        put(group("@@hikers", "Weekend hikers", member("@carol", "Carol", "Trail boss")));
        List<Contact> byNickname = book.find("carol");
        assertEquals(List.of("@carol"), ids(byNickname));
        assertEquals(ContactKind.STRANGER, byNickname.getFirst().kind());
        List<Contact> byInGroupName = book.find("trail");
        assertEquals(List.of("@carol"), ids(byInGroupName));
        assertEquals("Trail boss", byInGroupName.getFirst().groupDisplayName());
    }

    @Test
    void aFriendInAGroupIsFoundOnceAsTheBookHasHerUnlessHerInGroupNameMatchedBest() {
        put(node("@alice", "Alice"));
        put(group("@@hikers", "Weekend hikers", member("@alice", "Alice", "Ali the guide")));
        List<Contact> byNickname = book.find("Alice");
        assertEquals(List.of("@alice"), ids(byNickname));
        assertEquals("", byNickname.getFirst().groupDisplayName());
        List<Contact> byInGroupName = book.find("guide");
        assertEquals(List.of("@alice"), ids(byInGroupName));
        assertEquals("Ali the guide", byInGroupName.getFirst().groupDisplayName());
        assertEquals(ContactKind.FRIEND, byInGroupName.getFirst().kind());
    }

    @Test
    void fullPinyinInitialsAndMixturesFindAChineseNameTheServerGaveNoPinyinFor() {
        put(group("@@g", "同学", member("@zhangsan", "张三", "")));
        for (String query : List.of("zhangsan", "zs", "zhang", "zhangs", "zsan", "san", "Zhang San", "ZS")) {
            assertEquals(List.of("@zhangsan"), ids(book.find(query)), query);
        }
        for (String query : List.of("zhangsi", "ss", "zx", "anz")) {
            assertTrue(book.find(query).isEmpty(), query);
        }
    }

    @Test
    void everyReadingOfACharacterWithSeveralCounts() {
        put(node("@zeng", "曾小明"));
        assertEquals(List.of("@zeng"), ids(book.find("zengxiaoming")));
        assertEquals(List.of("@zeng"), ids(book.find("cxm")));
        put(node("@lv", "吕女"));
        assertEquals(List.of("@lv"), ids(book.find("lvnv")));
        assertEquals(List.of("@lv"), ids(book.find("lunü")));
    }

    @Test
    void theServersPinyinIsKeptAndSearched() {
        // 𠮷 lies outside the Basic Multilingual Plane, where the pinyin library does not reach: only the server's
        // PYQuanPin and PYInitial can find this name.
        put(node("@ji", "𠮷野家").put("PYQuanPin", "jiyejia").put("PYInitial", "JYJ"));
        put(node("@wang", "Boss").put("RemarkName", "𠮷总").put("RemarkPYQuanPin", "jizong")
                .put("RemarkPYInitial", "JZ"));
        assertEquals(List.of("@ji"), ids(book.find("jiyejia")));
        assertEquals(List.of("@ji"), ids(book.find("jyj")));
        assertEquals(List.of("@wang"), ids(book.find("jizong")));
        assertEquals(List.of("@wang", "@ji"), ids(book.find("j")), "within the pinyin rank, a remark first");
    }

    @Test
    void fileHelperIsFoundByItsIdAndTheNamesClientsShow() {
        put(node("filehelper", "文件传输助手").put("PYQuanPin", "wenjianchuanshuzhushou").put("PYInitial", "WJCSZS"));
        for (String query : List.of("filehelper", "FileHelper", "文件传输助手", "文件", "File Transfer", "file",
                "transfer", "wjcszs", "wenjian", "chuanshu")) {
            assertEquals(List.of("filehelper"), ids(book.find(query)), query);
        }
        assertTrue(book.find("helper").isEmpty(), "an id matches only as a whole");
    }

    @Test
    void findExactKeepsOnlyNamesEqualAsAWhole() {
        put(node("@alice", "Alice"));
        put(node("@alice-wong", "Alice Wong"));
        put(node("filehelper", "文件传输助手"));
        put(group("@@hikers", "Weekend hikers", member("@carol", "Carol", "Trail boss")));
        assertEquals(List.of("@alice"), ids(book.findExact("Alice")));
        assertEquals(List.of("@alice"), ids(book.findExact(" ALICE ")));
        assertTrue(book.findExact("Ali").isEmpty());
        assertTrue(book.findExact("Weekend").isEmpty());
        assertTrue(book.findExact("ali").isEmpty(), "no pinyin either");
        assertEquals(List.of("@carol"), ids(book.findExact("carol")));
        assertEquals(List.of("@carol"), ids(book.findExact("Trail boss")));
        assertEquals(List.of("filehelper"), ids(book.findExact("filehelper")));
        assertTrue(book.findExact("File Transfer").isEmpty(), "the names clients show are no exact name");
    }

    @Test
    void theBooksFindExactAgreesWithTheInterfacesDefinition() {
        put(node("@alice", "Alice"));
        put(node("@alice-wong", "Alice Wong").put("RemarkName", "alice"));
        put(node("filehelper", "文件传输助手"));
        put(group("@@hikers", "Weekend hikers", member("@carol", "Carol", "Alice")));
        dev.webwxbot.api.Contacts byDefault = new dev.webwxbot.api.Contacts() {
            public java.util.Optional<Contact> byUserName(String userName) {
                return book.byUserName(userName);
            }

            public List<Contact> find(String query) {
                return book.find(query);
            }

            public List<Contact> members(Contact group) {
                return book.members(group);
            }

            public List<Contact> all() {
                return book.all();
            }
        };
        for (String name : List.of("Alice", "alice", "Carol", "filehelper", "文件传输助手", "Weekend hikers", "Wong")) {
            assertEquals(byDefault.findExact(name), book.findExact(name), name);
        }
    }

    @Test
    void aRemovedContactAndItsMembersAreNoLongerFound() {
        put(group("@@hikers", "Weekend hikers", member("@carol", "Carol", "Trail boss")));
        book.remove("@@hikers");
        assertTrue(book.find("hikers").isEmpty());
        assertTrue(book.find("carol").isEmpty());
    }

    @Test
    void aChangeBetweenTwoFindsIsSeenByTheSecond() {
        put(node("@alice", "Alice"));
        put(group("@@hikers", "Weekend hikers", member("@carol", "Carol", "Trail boss")));
        assertEquals(List.of("@alice"), ids(book.findExact("Alice")));
        assertEquals(List.of("@carol"), ids(book.findExact("Trail boss")));

        put(node("@alice", "Alice").put("RemarkName", "Sister"));
        put(group("@@hikers", "Weekend hikers", member("@carol", "Carol", "Guide")));
        book.remove("@alice");
        put(node("@alice2", "Alice"));

        assertEquals(List.of("@alice2"), ids(book.findExact("Alice")), "the removed entry is gone, the new one found");
        assertTrue(book.findExact("Sister").isEmpty());
        assertTrue(book.findExact("Trail boss").isEmpty(), "the member's old in-group name is forgotten");
        assertEquals(List.of("@carol"), ids(book.findExact("Guide")));
        assertEquals(List.of("@carol"), ids(book.find("guid")));
    }

    private void put(ObjectNode node) {
        book.put(node);
    }

    private static List<String> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::userName).toList();
    }

    private static ObjectNode node(String userName, String nickName) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("UserName", userName);
        node.put("NickName", nickName);
        node.put("VerifyFlag", 0);
        return node;
    }

    private static ObjectNode member(String userName, String nickName, String displayName) {
        return node(userName, nickName).put("DisplayName", displayName);
    }

    private static ObjectNode group(String userName, String name, ObjectNode... members) {
        ObjectNode group = node(userName, name);
        ArrayNode list = group.putArray("MemberList");
        for (ObjectNode member : members) list.add(member);
        return group;
    }
}
