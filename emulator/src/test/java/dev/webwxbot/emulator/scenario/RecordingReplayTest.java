package dev.webwxbot.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.HostFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReplayTest {

    private static final String HEADER = "{\"format\":\"webwx-bot-recording\",\"version\":1}\n";

    @Test
    void contactsBecomeTheWorldAndReceivedMessagesRawStepsWhileOwnAndStatusNotifyMessagesAreLeftOut(@TempDir Path dir)
            throws Exception {
        String init = "{\\\"BaseResponse\\\":{\\\"Ret\\\":0},\\\"User\\\":{\\\"UserName\\\":\\\"@me\\\",\\\"NickName\\\":\\\"Me\\\"},"
                + "\\\"ContactList\\\":[{\\\"UserName\\\":\\\"@a\\\",\\\"NickName\\\":\\\"Alice\\\",\\\"RemarkName\\\":\\\"Ali\\\"},"
                + "{\\\"UserName\\\":\\\"@@g\\\",\\\"NickName\\\":\\\"Hikers\\\",\\\"MemberList\\\":[{\\\"UserName\\\":\\\"@a\\\"},"
                + "{\\\"UserName\\\":\\\"@c\\\",\\\"NickName\\\":\\\"Carol\\\",\\\"DisplayName\\\":\\\"Caro\\\"},{\\\"UserName\\\":\\\"@me\\\"}]}]}";
        String sync = "{\\\"BaseResponse\\\":{\\\"Ret\\\":0},\\\"AddMsgList\\\":["
                + "{\\\"MsgType\\\":51,\\\"FromUserName\\\":\\\"@me\\\"},"
                + "{\\\"MsgType\\\":1,\\\"FromUserName\\\":\\\"@a\\\",\\\"Content\\\":\\\"hi\\\"},"
                + "{\\\"MsgType\\\":1,\\\"FromUserName\\\":\\\"@me\\\",\\\"Content\\\":\\\"mine\\\"},"
                + "{\\\"MsgType\\\":1,\\\"FromUserName\\\":\\\"@@g\\\",\\\"Content\\\":\\\"@c:<br/>yo\\\"}]}";
        Path file = dir.resolve("rec.jsonl");
        Files.writeString(file, HEADER
                + "{\"t\":5,\"role\":\"api\",\"host\":\"wx2.qq.com\",\"path\":\"/cgi-bin/mmwebwx-bin/webwxinit\",\"status\":200,"
                + "\"response\":{\"text\":\"" + init + "\"}}\n"
                + "{\"t\":9,\"role\":\"api\",\"host\":\"wx2.qq.com\",\"path\":\"/cgi-bin/mmwebwx-bin/webwxsync\",\"status\":200,"
                + "\"response\":{\"text\":\"" + sync + "\"}}\n");

        Scenario scenario = Scenario.fromRecording(file);

        WorldSpec.AccountSpec account = scenario.world().accounts().getFirst();
        assertEquals("Me", account.nickName());
        assertEquals(HostFamily.WX2, account.family());
        assertEquals(List.of("Alice/FRIEND/Ali", "Carol/STRANGER/"), account.people().stream()
                .map(p -> p.nickName() + "/" + p.kind() + "/" + p.remark()).toList());
        WorldSpec.GroupSpec group = account.groups().getFirst();
        assertEquals("Hikers", group.name());
        assertEquals(List.of("c1", "c2"), group.memberIds());
        assertEquals("Caro", group.displayNames().get("c2"));
        List<Step> steps = scenario.steps();
        assertEquals(3, steps.size(), "scan-and-confirm, then the two messages from others");
        Action.Raw fromAlice = (Action.Raw) steps.get(1).action();
        assertEquals("c1", fromAlice.from());
        assertEquals("self", fromAlice.userNames().get("@me"));
        assertEquals(3, steps.get(1).line(), "the step names its line in the recording");
        assertEquals("g1", ((Action.Raw) steps.get(2).action()).from());
    }

    @Test
    void aRecordingWithoutWebwxinitHoldsNoSessionToReplay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.jsonl");
        Files.writeString(file, HEADER + "{\"t\":1,\"path\":\"/jslogin\",\"status\":200}\nnot json\n");

        ScenarioException refused = assertThrows(ScenarioException.class, () -> Scenario.fromRecording(file));

        assertEquals(2, refused.problems().size(), refused.problems().toString());
        assertTrue(refused.problems().getFirst().startsWith("empty.jsonl:3: not a recorded exchange"));
        assertTrue(refused.problems().get(1).contains("no successful webwxinit"));
    }
}
