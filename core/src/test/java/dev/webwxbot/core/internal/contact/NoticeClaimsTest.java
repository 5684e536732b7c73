package dev.webwxbot.core.internal.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.MemberJoined.Method;
import dev.webwxbot.core.internal.contact.NoticeClaims.Claim;
import dev.webwxbot.core.internal.contact.NoticeClaims.Kind;
import dev.webwxbot.core.internal.contact.NoticeClaims.Name;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The grey lines of PROTOCOL.md 9.5.11 (zh_CN and en) and of the corpus, read into what they claim. */
class NoticeClaimsTest {

    private static final String GROUP = "@@g";
    private static final String FRIEND = "@f";
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final Name A = new Name("A", false);
    private static final Name B = new Name("B", false);

    @Test
    void aMemberInvitingAnotherNamesBoth() {
        assertEquals(List.of(joined(B, A, Method.INVITED)), read("\"A\"邀请\"B\"加入了群聊"));
        assertEquals(List.of(joined(B, A, Method.INVITED)), read("A invited B to the group chat"));
    }

    @Test
    void theAccountInvitingSeveralInOneLineIsOneClaimEach() {
        assertEquals(List.of(joined(A, Name.SELF, Method.INVITED), joined(B, Name.SELF, Method.INVITED)),
                read("你邀请\"A、B\"加入了群聊"));
        assertEquals(List.of(joined(new Name("Carol", false), Name.SELF, Method.INVITED),
                        joined(new Name("Dave", false), Name.SELF, Method.INVITED),
                        joined(new Name("Erin", false), Name.SELF, Method.INVITED)),
                read("You invited Carol, Dave and Erin to the group chat."));
    }

    @Test
    void theAccountBroughtInWithAnotherIsItselfAndTheOther() {
        assertEquals(List.of(joined(Name.SELF, A, Method.INVITED), joined(B, A, Method.INVITED)),
                read("\"A\"邀请你和\"B\"加入了群聊"));
    }

    @Test
    void aQrCodeJoinNamesWhoSharedTheCode() {
        assertEquals(List.of(joined(B, A, Method.QR_CODE)), read("\"B\"通过扫描\"A\"分享的二维码加入群聊"));
        // As 9.5.11 writes the account's own: a blank inside the opening quote.
        assertEquals(List.of(joined(B, Name.SELF, Method.QR_CODE)), read("\" B\"通过扫描你分享的二维码加入群聊"));
        assertEquals(List.of(joined(B, A, Method.QR_CODE)),
                read("\"B\" joined the group chat via the QR Code shared by \"A\"."));
    }

    @Test
    void removalsSayWhoWasRemovedAndByWhom() {
        assertEquals(List.of(left(B, Name.SELF)), read("你将\"B\"移出了群聊"));
        assertEquals(List.of(left(B, Name.SELF)), read("You removed \"B\" from the group chat"));
        assertEquals(List.of(left(Name.SELF, A)), read("你被\"A\"移出群聊"));
        assertEquals(List.of(left(Name.SELF, A)), read("You were removed from the group chat by \"A\""));
    }

    @Test
    void aRenameGivesTheNewNameAndTheRenamer() {
        assertEquals(List.of(renamed("周末“徒步”", A)), read("\"A\"修改群名为“周末“徒步””"));
        assertEquals(List.of(renamed("Sunday hikers", Name.SELF)), read("你修改群名为“Sunday hikers”"));
        assertEquals(List.of(renamed("X", A)), read("\"A\" changed the group name to \"X\""));
    }

    @Test
    void friendLinesClaimTheFriendOfTheirChat() {
        assertEquals(List.of(added("Dave")), NoticeClaims.read("Dave刚刚把你添加到通讯录，现在可以开始聊天了。", FRIEND, T));
        assertEquals(List.of(added("Dave")),
                NoticeClaims.read("Dave just added you to his/her contacts list. Send a message to him/her now!", FRIEND, T));
    }

    @Test
    void capturedLinesOfTheCorpusAreRead() throws Exception {
        assertEquals(List.of(joined(new Name("赵剑鹏", false), Name.SELF, Method.INVITED)),
                corpus("unresolved-12925893936-type10000-group-invite-en.json", GROUP));
        assertEquals(List.of(added("呼啸而过的小青春")), corpus("unresolved-625268707-type10000-friend-added.json", FRIEND));
        assertEquals(List.of(added("李卓桓.PreAngel")), corpus("puppet-wechat-puppeteer-friendship-L112-type10000.json", FRIEND));
        assertEquals(List.of(), corpus("unresolved-8576586035-type10000-hongbao.json", FRIEND));
    }

    @Test
    void otherLinesClaimNothing() {
        for (String other : List.of("位置共享已经结束", "群收款消息，请在手机上查看", "\"A\" 拍了拍 \"B\"",
                "如果陌生人主动添加你为朋友，请谨慎核实对方身份。")) {
            assertEquals(List.of(), read(other), other);
        }
        assertEquals(List.of(), NoticeClaims.read("\"A\"邀请\"B\"加入了群聊", FRIEND, T), "a join line outside a group");
    }

    private static List<Claim> read(String text) {
        return NoticeClaims.read(text, GROUP, T);
    }

    /** The line of a corpus sample as plugins see it (SystemNoticeParser strips the blanks around it). */
    private static List<Claim> corpus(String file, String chat) throws Exception {
        JsonNode message = Json.parse(Files.readAllBytes(Path.of("../testdata/corpus/addmsg", file)));
        return NoticeClaims.read(Json.text(message, "Content").strip(), chat, T);
    }

    private static Claim joined(Name member, Name by, Method method) {
        return new Claim(Kind.JOINED, GROUP, member, Optional.of(by), method, "", T);
    }

    private static Claim left(Name member, Name by) {
        return new Claim(Kind.LEFT, GROUP, member, Optional.of(by), Method.UNKNOWN, "", T);
    }

    private static Claim renamed(String name, Name by) {
        return new Claim(Kind.RENAMED, GROUP, by, Optional.of(by), Method.UNKNOWN, name, T);
    }

    private static Claim added(String name) {
        return new Claim(Kind.ADDED, FRIEND, new Name(name, false), Optional.empty(), Method.UNKNOWN, "", T);
    }
}
