package dev.webwxbot.core.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.Gender;
import dev.webwxbot.core.internal.contact.ContactBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which identity each contact gets: the permanent id the status-notify code-4 list pairs with its session name
 * (positionally, from a real capture), a card's or friend request's, else the id itself for special accounts,
 * else the remark name, else the nickname; and a rename keeps the permanent id.
 */
class ContactIdentityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CODE_4 = Path.of("../testdata/corpus/addmsg/wechat4u-test-webwxsync-0-type51.json");

    private final ContactBook book = new ContactBook();

    @Test
    void theCode4ListPairsEachSessionNameWithThePermanentIdInTheSamePosition() throws Exception {
        book.permanentIds().learn(JSON.readTree(Files.readString(CODE_4)));

        // First, third and tenth entries of the capture's two lists.
        assertEquals(Optional.of("wxid_7313013130512"),
                book.permanentIds().of("@339651ba569948c2c1f18e547e5fcb49cc2672af2a4ece71ed97e1c3a572858a"));
        assertEquals(Optional.of("902809793@chatroom"),
                book.permanentIds().of("@@22e2e1f42c303adeda023a1affa9a9be06f94c1d55189cedf28aa5ad78d09466"));
        assertEquals(98, book.permanentIds().size(), "every pair but filehelper's, whose name is its id already");
        Contact friend = person("@339651ba569948c2c1f18e547e5fcb49cc2672af2a4ece71ed97e1c3a572858a", "Ann", "Boss");
        assertEquals(Optional.of(new Identity(Identity.Kind.WXID, "wxid_7313013130512")), book.identity(friend));
    }

    @Test
    void listsOfDifferentLengthsPairNothingRatherThanGivingPeopleEachOthersIds() throws Exception {
        book.permanentIds().learn(code4("@a,@b,@c", "wxid_a,wxid_b"));
        assertEquals(0, book.permanentIds().size());
    }

    @Test
    void aLaterCode4AddsToWhatIsKnownAndOtherStatusNotifyCodesAreIgnored() throws Exception {
        book.permanentIds().learn(code4("@a,filehelper", "wxid_a,filehelper"));
        ObjectNode code1 = (ObjectNode) code4("@b", "wxid_b");
        code1.put("StatusNotifyCode", 1);
        book.permanentIds().learn(code1);
        book.permanentIds().learn(code4("@@g", "123@chatroom"));

        assertEquals(Optional.of("wxid_a"), book.permanentIds().of("@a"));
        assertEquals(Optional.empty(), book.permanentIds().of("@b"));
        assertEquals(Optional.of("123@chatroom"), book.permanentIds().of("@@g"));
    }

    @Test
    void aCardAndAFriendRequestPairTheirSubjectButAStrangersTicketIsNoId() {
        Contact chat = person("@friend", "Friend", "");
        Envelope envelope = new Envelope("1", chat, chat, Instant.EPOCH, false, false);
        book.permanentIds().learn(new CardMessage(envelope, "@carded", "Carded", "", "", "", false, Gender.UNKNOWN,
                "", "", "", 17, "wxid_carded"));
        book.permanentIds().learn(new CardMessage(envelope, "@stranger", "Stranger", "", "", "", false,
                Gender.UNKNOWN, "", "", "", 17, "v1_abc@stranger"));
        book.permanentIds().learn(new FriendRequest(envelope, "@asker", "Asker", "hi", "ticket", 30,
                "wxid_asker", Gender.UNKNOWN, "", "", "", "", "", "", ""));

        assertEquals(Optional.of("wxid_carded"), book.permanentIds().of("@carded"));
        assertEquals(Optional.empty(), book.permanentIds().of("@stranger"));
        assertEquals(Optional.of("wxid_asker"), book.permanentIds().of("@asker"));
    }

    @Test
    void withoutAPermanentIdASpecialAccountIsItsIdThenTheRemarkNameThenTheNickname() {
        assertEquals(Optional.of(new Identity(Identity.Kind.WXID, "filehelper")),
                book.identity(new Contact("filehelper", "File Transfer", "", "", ContactKind.SPECIAL, "")));
        assertEquals(Optional.of(new Identity(Identity.Kind.REMARK, "Boss")), book.identity(person("@x", "Bob", "Boss")));
        assertEquals(Optional.of(new Identity(Identity.Kind.NICKNAME, "Bob")), book.identity(person("@x", "Bob", "")));
        assertEquals(Optional.empty(), book.identity(person("@x", "", "")));
    }

    @Test
    void aRenameKeepsThePermanentIdBecauseItIsKeptBySessionName() throws Exception {
        book.put(JSON.readTree("{\"UserName\":\"@a\",\"NickName\":\"Ann\",\"RemarkName\":\"\"}"));
        book.permanentIds().learn(code4("@a", "wxid_a"));
        book.put(JSON.readTree("{\"UserName\":\"@a\",\"NickName\":\"Annie\",\"RemarkName\":\"Sis\"}"));

        Contact renamed = book.byUserName("@a").orElseThrow();
        assertEquals("Annie", renamed.nickName());
        assertEquals(Optional.of(new Identity(Identity.Kind.WXID, "wxid_a")), book.identity(renamed));
    }

    private static Contact person(String userName, String nickName, String remarkName) {
        return new Contact(userName, nickName, remarkName, "", ContactKind.FRIEND, "");
    }

    /** A code-4 message shaped as the capture is: names in StatusNotifyUserName, ids in the escaped content. */
    private static JsonNode code4(String sessionNames, String permanentIds) throws Exception {
        ObjectNode message = JSON.createObjectNode();
        message.put("MsgId", "1");
        message.put("MsgType", 51);
        message.put("StatusNotifyCode", 4);
        message.put("StatusNotifyUserName", sessionNames);
        message.put("Content", "&lt;msg&gt;<br/>&lt;op id='4'&gt;<br/>&lt;username&gt;" + permanentIds
                + "&lt;/username&gt;<br/>&lt;unreadchatlist&gt;<br/>&lt;chat&gt;<br/>&lt;username&gt;wxid_zzz"
                + "&lt;/username&gt;<br/>&lt;/chat&gt;<br/>&lt;/unreadchatlist&gt;<br/>&lt;/op&gt;<br/>&lt;/msg&gt;");
        return message;
    }
}
