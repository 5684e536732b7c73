package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an accept does to the actions after it, where the emulator cannot go wrong on purpose: a refused accept
 * stops the rest of the rule, and the rest waits for the new friend's arrival (a {@code ContactAdded}) but not
 * forever.
 */
class AcceptTest {

    private static final String RULES = """
            rules = [{ on = friend-request, actions = [
              { accept = true, remark = "{nickname} (bot)" }
              { text = "hello {nickname}" }
            ] }]""";
    private static final Contact FMESSAGE = new Contact("fmessage", "fmessage", "", "", ContactKind.SPECIAL, "");

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);
    private final FakeBot.Account account = new FakeBot.Account();

    private static FriendRequest request(String userName, String nickName) {
        return new FriendRequest(Fixtures.envelope(FMESSAGE, FMESSAGE, false, false), userName, nickName, "hi",
                "v2_ticket", 6);
    }

    private RecordingContext context() {
        return new RecordingContext() {
            @Override
            public Bot bot() {
                return new FakeBot(account, FakeBot.NOBODY);
            }
        };
    }

    @Test
    void aRefusedAcceptIsLoggedOnceAndTheRestOfTheRuleIsNotRun() {
        account.accept = new Result.Failed<>(FailureReason.REJECTED, 1, "webwxverifyuser refused");
        AutoReplyHandler handler = handler(RULES, clock);
        RecordingContext context = context();
        try (CapturedLogs logs = CapturedLogs.attach()) {
            handler.handle(request("@dora", "Dora"), context);
            assertEquals(List.of(), context.replies);
            assertEquals(List.of(), account.remarks);
            assertEquals(1, logs.at(Level.WARN).size(), logs.all());
            assertTrue(logs.at(Level.WARN).getFirst().endsWith("rule 1: actions[1]: the accept action failed for"
                    + " 'Dora': REJECTED (webwxverifyuser refused); the rule's other actions are not run, as"
                    + " there is no new friend"), logs.all());
        }
    }

    @Test
    void theRestWaitsForTheNewFriendsArrivalAndIsGivenUpAfterTheBoundedWait() {
        AutoReplyHandler handler = handler(RULES, clock);
        handler.handle(request("@dora", "Dora"), context());
        assertEquals(List.of("@dora"), account.accepted, "accepted, but Dora is not in the address book yet");
        assertEquals(List.of(), account.remarks);

        Contact dora = new Contact("@dora", "Dora", "", "", ContactKind.FRIEND, "");
        RecordingContext arrival = context();
        handler.handle(new ContactAdded(dora, clock.instant()), arrival);
        assertEquals(List.of("Dora (bot)"), account.remarks, "the remark name, once Dora is there");
        assertEquals(List.of("hello Dora"), arrival.texts(), "then the actions after accept, in Dora's chat");

        handler.handle(request("@eve", "Eve"), context());
        clock.advance(NewFriends.PATIENCE.plus(Duration.ofSeconds(1)));
        try (CapturedLogs logs = CapturedLogs.attach()) {
            handler.handle(new ContactAdded(new Contact("@eve", "Eve", "", "", ContactKind.FRIEND, ""),
                    clock.instant()), arrival);
            assertEquals(List.of("auto-reply: rule 1 for 'Eve': the accepted friend did not appear within 5 min; the"
                    + " actions after accept are not run"), logs.at(Level.WARN));
        }
        assertEquals(List.of("Dora (bot)"), account.remarks, "nothing for Eve, who came too late");
    }

    @Test
    void whatFollowsAnAcceptSurvivesAReloadOfTheRulesBeforeTheNewFriendArrives() {
        AutoReplyHandler handler = handler(RULES, clock);
        handler.handle(request("@dora", "Dora"), context());
        handler.configure(Fixtures.settings(RULES));
        RecordingContext arrival = context();
        handler.handle(new ContactAdded(new Contact("@dora", "Dora", "", "", ContactKind.FRIEND, ""), clock.instant()),
                arrival);
        assertEquals(List.of("Dora (bot)"), account.remarks);
        assertEquals(List.of("hello Dora"), arrival.texts());
    }

    @Test
    void aRemarkNameIsCutToTheEighteenCharactersOfTheOfficialPage() {
        assertEquals("Dora (bot)", ActionRunner.remarkName("  Dora (bot) "));
        assertEquals("a very long nickna", ActionRunner.remarkName("a very long nickname (bot)"));
        assertEquals("张三李四王五赵六钱七孙八周九吴十郑一", ActionRunner.remarkName("张三李四王五赵六钱七孙八周九吴十郑一王二"));
        assertEquals("😀".repeat(18), ActionRunner.remarkName("😀".repeat(20)), "by characters, not UTF-16 units");
    }
}
