package dev.webwxbot.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A validated scenario builds its world through the emulator's API and plays its steps in order. */
class ScenarioRunTest {

    private Emulator emulator;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().port(0).start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void worldHasAliasesRemarksInGroupNamesAndGeneratedLargeGroups() throws Exception {
        Scenario scenario = Scenario.parse("""
                accounts = [
                  {
                    id = bot, nickname = Bot, host-family = wx2
                    friends = [ { id = alice, nickname = Alice, alias = alice_w, remark = Ali } ]
                    strangers = [ { id = carol, nickname = Carol } ]
                    official-accounts = [ { id = news, nickname = News } ]
                    groups = [ { id = g, name = Hikers, members = [alice, carol], display-names { carol = "Carol (org)" } } ]
                    large { friends = 600, groups = 2, group-size = 500 }
                  }
                ]
                """, "world.conf", Path.of("."));
        try (ScenarioRun run = scenario.start(emulator)) {
            assertTrue(run.awaitFinished(Duration.ofSeconds(10)));
            Account bot = run.account("bot");
            assertEquals("wx2.qq.com", bot.hostFamily().apiHost());
            Contact alice = run.contact("alice");
            assertEquals("alice_w", alice.alias());
            assertEquals("Ali", alice.remarkName());
            assertEquals(ContactKind.OFFICIAL_ACCOUNT, run.contact("news").kind());
            Contact group = run.contact("g");
            assertEquals("Carol (org)", group.memberDisplayName(run.contact("carol")));
            assertEquals("", group.memberDisplayName(alice));
            List<Contact> large = bot.contacts().stream().filter(c -> c.nickName().startsWith("Large group")).toList();
            assertEquals(2, large.size());
            assertEquals(500, large.get(1).members().size());
            // 600 generated friends fill the first group and 100 places of the second; strangers fill the rest.
            assertEquals(600, bot.contacts().stream().filter(c -> c.nickName().startsWith("Friend ")).count());
            assertEquals(400, bot.contacts().stream().filter(c -> c.nickName().startsWith("Member 2-")).count());
        }
    }

    @Test
    void accountsListedAsFriendAccountsAreFriendsOfEachOther() throws Exception {
        Scenario scenario = Scenario.parse("""
                accounts = [
                  { id = bot, nickname = Bot, friend-accounts = [bot2] }
                  { id = bot2, nickname = "Bot 2" }
                  { id = bot3, nickname = "Bot 3" }
                ]
                """, "friends.conf", Path.of("."));
        try (ScenarioRun run = scenario.start(emulator)) {
            assertTrue(run.awaitFinished(Duration.ofSeconds(10)));
            Account bot = run.account("bot");
            Account bot2 = run.account("bot2");
            assertEquals(ContactKind.FRIEND, bot.contactFor(bot2).orElseThrow().kind());
            assertEquals("Bot", bot2.contactFor(bot).orElseThrow().nickName());
            assertTrue(bot.contactFor(run.account("bot3")).isEmpty());
        }
    }

    @Test
    void stepsRunInOrderAndReportWhatTheyDelivered() throws Exception {
        Scenario scenario = Scenario.parse("""
                accounts = [ { id = bot, nickname = Bot, friends = [ { id = alice, nickname = Alice }, { id = bob, nickname = Bob } ]
                               groups = [ { id = g, name = Hikers, members = [alice, bob], display-names { bob = Bobby } } ] } ]
                script = [
                  { id = first, do = send, from = alice, kind = text, text = "hi & bye" }
                  { do = send, in = g, from = bob, kind = mention, mentions = [self, alice], text = "lunch?" }
                  { do = revoke, message = first }
                  { do = rename-group, group = g, name = "Sunday hikers", by = bob }
                  { do = send, from = phone, to = g, kind = text, text = "from the phone" }
                ]
                """, "order.conf", Path.of("."));
        List<String> log = new CopyOnWriteArrayList<>();
        try (ScenarioRun run = scenario.start(emulator, log::add)) {
            assertTrue(run.awaitFinished(Duration.ofSeconds(10)));
            assertEquals(java.util.Optional.empty(), run.failure());
            List<StepOutcome> outcomes = run.outcomes();
            assertEquals(List.of("send", "send", "revoke", "rename-group", "send"),
                    outcomes.stream().map(StepOutcome::action).toList());
            assertFalse(outcomes.get(0).msgId().isEmpty());
            assertEquals("text", outcomes.get(0).kind());
            assertTrue(outcomes.get(2).description().contains(outcomes.get(0).msgId()), outcomes.get(2).description());
            List<String> lines = run.account("bot").conversation().stream().map(ConversationLine::text).toList();
            assertEquals("hi & bye", lines.get(0));
            assertEquals("@Bot\u2005@Alice\u2005lunch?", lines.get(1));
            assertTrue(lines.contains("from the phone"), lines.toString());
            assertEquals("Sunday hikers", run.contact("g").nickName());
            assertEquals(6, log.size(), log.toString()); // five steps and the end
            assertTrue(log.get(1).startsWith("step 2/5 (line 5): Bobby sends mention in Hikers"), log.get(1));
        }
    }

    @Test
    void contactAndGroupChangeStepsChangeTheWorld() throws Exception {
        Scenario scenario = Scenario.parse("""
                accounts = [ { id = bot, nickname = Bot, friends = [ { id = alice, nickname = Alice }, { id = bob, nickname = Bob } ]
                               strangers = [ { id = carol, nickname = Carol } ]
                               groups = [ { id = g, name = Hikers, members = [alice, bob] } ] } ]
                script = [
                  { do = add-friend, contact = dave, nickname = Dave }
                  { do = change-avatar, contact = alice }
                  { do = set-flags, contact = alice, starred = true, pinned = true }
                  { do = join, group = g, member = carol, inviter = bob, via-qr-code = true }
                  { do = transfer-ownership, group = g, to = bob }
                  { do = quit, group = g, member = bob }
                  { do = remove-account, group = g, by = carol }
                ]
                """, "changes.conf", Path.of("."));
        try (ScenarioRun run = scenario.start(emulator)) {
            assertTrue(run.awaitFinished(Duration.ofSeconds(10)));
            assertEquals(java.util.Optional.empty(), run.failure());
            assertEquals(ContactKind.FRIEND, run.contact("dave").kind());
            assertTrue(run.contact("alice").starred() && run.contact("alice").pinned());
            Contact group = run.contact("g");
            assertEquals(List.of(run.contact("alice"), run.contact("carol")), group.members());
            assertFalse(group.includesAccount());
            List<String> lines = run.account("bot").conversation().stream().map(ConversationLine::text).toList();
            assertTrue(lines.contains("\"Carol\"通过扫描\"Bob\"分享的二维码加入群聊"), lines.toString());
            assertTrue(lines.contains("你被\"Carol\"移出群聊"), lines.toString());
        }
    }

    @Test
    void aStepThatCannotHappenEndsTheRunNamingFileAndLine() throws Exception {
        Scenario scenario = Scenario.parse("""
                wait-timeout = 300ms
                accounts = [ { id = bot, nickname = Bot } ]
                script = [
                  { do = send, from = filehelper, kind = text, text = "note to self" }
                  { do = scan-and-confirm }
                  { do = send, from = weixin, kind = text, text = "never sent" }
                ]
                """, "fails.conf", Path.of("."));
        try (ScenarioRun run = scenario.start(emulator)) {
            assertTrue(run.awaitFinished(Duration.ofSeconds(20)));
            String failure = run.failure().orElseThrow();
            assertTrue(failure.startsWith("fails.conf:5: step 2 (do = scan-and-confirm) failed: no unscanned QR uuid"),
                    failure);
            assertEquals(1, run.outcomes().size());
        }
    }

    @Test
    void closingStopsAScriptThatIsWaiting() throws Exception {
        Scenario scenario = Scenario.parse("""
                accounts = [ { id = bot, nickname = Bot } ]
                script = [ { at = 1h, do = logout } ]
                """, "long.conf", Path.of("."));
        ScenarioRun run = scenario.start(emulator);
        assertFalse(run.isFinished());
        run.close();
        assertTrue(run.awaitFinished(Duration.ofSeconds(10)));
        assertEquals("stopped", run.failure().orElseThrow());
        assertTrue(run.outcomes().isEmpty());
    }
}
