package dev.webwxbot.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files are validated as a whole, with every problem named by file, line and key. */
class ScenarioValidationTest {

    private static final String WORLD = """
            accounts = [
              {
                id = bot
                nickname = Bot
                friends = [ { id = alice, nickname = Alice }, { id = bob, nickname = Bob } ]
                groups = [ { id = hikers, name = Hikers, members = [alice, bob] } ]
              }
            ]
            """;

    @Test
    void bundledScenariosAreValid() {
        Scenario everyKind = Scenario.bundled("every-kind");
        assertEquals("every-kind", everyKind.name());
        assertTrue(everyKind.stepCount() > 40, "every-kind has " + everyKind.stepCount() + " steps");
        assertEquals(List.of("bot"), everyKind.accountIds());
        assertEquals("demo", Scenario.bundled("demo").name());
    }

    @Test
    void unknownBundledNameListsTheBundledOnes() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.bundled("nope"));
        assertTrue(e.getMessage().contains("every-kind"), e.getMessage());
    }

    @Test
    void unknownKeyIsReportedWithFileLineAndPath() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = send, from = alice, kind = text, text = hi, colour = red }
                ]
                """);
        assertEquals(List.of("test.conf:10: script[0].colour: unknown key (allowed here: account, after, at, delay, do,"
                + " from, id, in, kind, text, to)"), e.problems());
    }

    @Test
    void unknownContactNamesTheKnownOnes() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = send, from = alise, kind = text, text = hi }
                ]
                """);
        assertEquals(1, e.problems().size());
        String problem = e.problems().getFirst();
        assertTrue(problem.startsWith("test.conf:10: script[0].from: unknown contact \"alise\""), problem);
        assertTrue(problem.contains("alice, bob, filehelper, hikers, weixin"), problem);
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = dance }
                  { do = send, from = alice, kind = sticker }
                  { at = 1s, after = online, do = wait }
                  { do = send, from = alice, kind = location, label = "x", latitude = 91, longitude = 0 }
                ]
                """);
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("script[0].do: \"dance\" is not one of"), e.problems().get(0));
        assertTrue(e.problems().get(1).contains("script[1].kind: \"sticker\" is not one of"), e.problems().get(1));
        assertTrue(e.problems().get(2).contains("use either at, or after"), e.problems().get(2));
        assertTrue(e.problems().get(3).startsWith("test.conf:13: script[3].latitude: 91.0 is out of range"),
                e.problems().get(3));
    }

    @Test
    void groupMembershipIsFollowedAlongTheScript() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = leave, group = hikers, member = bob }
                  { do = send, in = hikers, from = bob, kind = text, text = "still here?" }
                ]
                """);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().getFirst().startsWith("test.conf:11: script[1].from: \"bob\" is not a member of group"
                + " hikers at this step"), e.problems().getFirst());
    }

    @Test
    void ownershipAndTheAccountsOwnMembershipAreFollowedAlongTheScript() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = leave, group = hikers, member = alice }
                  { do = transfer-ownership, group = hikers, to = bot }
                  { do = set-flags, contact = hikers, starred = true }
                  { do = remove-account, group = hikers, by = bob }
                  { do = rename-group, group = hikers, name = Gone }
                  { do = set-flags, contact = alice }
                ]
                """);
        List<String> problems = e.problems();
        assertEquals(5, problems.size(), e.getMessage());
        assertTrue(problems.get(0).contains("script[0].member: \"alice\" owns group hikers"), problems.get(0));
        assertTrue(problems.get(1).contains("script[2].starred: only a friend can be starred"), problems.get(1));
        assertTrue(problems.get(2).contains("script[3].group: account bot owns group hikers"), problems.get(2));
        assertTrue(problems.get(3).contains("script[4].group: the account was removed from group hikers"), problems.get(3));
        assertTrue(problems.get(4).contains("set-flags needs at least one of starred, pinned, muted"), problems.get(4));
    }

    @Test
    void friendRequestersExistOnlyFromTheirStepOn() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = accept-request, requester = dave }
                  { do = friend-request, contact = dave, nickname = Dave, greeting = hi }
                  { do = accept-request, requester = dave }
                  { do = send, from = dave, kind = text, text = "thanks" }
                ]
                """);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().getFirst().contains("script[0].requester: \"dave\" did not send a pending friend request"),
                e.problems().getFirst());
    }

    @Test
    void revokeAndQuoteMayOnlyNameEarlierSendSteps() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = revoke, message = later }
                  { do = send, from = alice, kind = quote, quoted = later, text = "re" }
                  { id = later, do = send, from = alice, kind = text, text = hi }
                ]
                """);
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        ScenarioException e = invalid("accounts = [ { id = bot, nickname = Bot }\nscript = [ { do = wait ]");
        assertTrue(e.getMessage().contains("test.conf: 2"), e.getMessage());
    }

    @Test
    void rawMessageMustBeAJsonObject() {
        ScenarioException e = invalid(WORLD + """
                script = [
                  { do = raw, json = "[1, 2]" }
                  { do = raw, json = "{ not json" }
                  { do = raw }
                ]
                """);
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void mediaFilesAreReadRelativeToTheScenarioAndMustExist(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        Files.writeString(dir.resolve("ok.conf"), WORLD + "script = [ { do = send, from = alice, kind = image, file = photo.jpg } ]");
        assertEquals(1, Scenario.load(dir.resolve("ok.conf")).stepCount());
        Files.writeString(dir.resolve("bad.conf"), WORLD + "script = [ { do = send, from = alice, kind = image, file = missing.jpg } ]");
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.load(dir.resolve("bad.conf")));
        assertTrue(e.getMessage().startsWith("bad.conf:9: script[0].file: cannot read"), e.getMessage());
    }

    @Test
    void duplicateIdsAndMembersOfAnotherKindAreRejected() {
        ScenarioException e = invalid("""
                accounts = [
                  {
                    id = bot, nickname = Bot
                    friends = [ { id = alice, nickname = Alice }, { id = alice, nickname = Alice2 } ]
                    official-accounts = [ { id = news, nickname = News } ]
                    groups = [ { id = g, name = G, members = [news] } ]
                  }
                ]
                """);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("duplicate") || e.problems().get(0).contains("already used"), e.getMessage());
    }

    @Test
    void friendAccountsMustNameOtherAccountsOfTheScenario() {
        ScenarioException e = invalid("""
                accounts = [
                  { id = bot, nickname = Bot, friend-accounts = [bot, alice, bot2] }
                  { id = bot2, nickname = "Bot 2" }
                ]
                """);
        assertEquals(List.of("test.conf:2: accounts[0].friend-accounts: an account cannot be its own friend: \"bot\"",
                "test.conf:2: accounts[0].friend-accounts: \"alice\" is not an account of this scenario (accounts: bot,"
                        + " bot2)"), e.problems());
    }

    private static ScenarioException invalid(String text) {
        return assertThrows(ScenarioException.class, () -> Scenario.parse(text, "test.conf", Path.of(".")));
    }
}
