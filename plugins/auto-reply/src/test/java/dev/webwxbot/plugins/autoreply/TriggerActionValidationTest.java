package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.settings;
import static dev.webwxbot.plugins.autoreply.Fixtures.withReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Triggers and actions are checked as strictly as the rules of before: each mistake names the rule, counted from 1,
 * and the key (list entries counted from 1 too), with a suggestion for a misspelt name, and a key that cannot apply
 * to the rule's trigger is refused rather than ignored.
 */
class TriggerActionValidationTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                bad("{ on = freind-request, actions = [{ accept = true }] }",
                        "rule 1: on: unknown trigger 'freind-request'; did you mean friend-request?"),
                bad("{ on = message, kinds = [imgae], reply = x }",
                        "rule 1: kinds: unknown kind 'imgae'; did you mean image?"),
                bad("{ on = schedule, actions = [{ send-to = Team, text = x }] }", "rule 1: cron: is required"),
                bad("{ keyword = hi, account = shop, reply = x }", "rule 1: account: goes with on = schedule only"),
                bad("{ on = schedule, cron = \"0 9 * * *\", account = \" \", actions = [{ send-to = Team, text = x }] }",
                        "rule 1: account:"),
                bad("{ on = schedule, cron = \"0 25 * * *\", actions = [{ send-to = Team, text = x }] }",
                        "rule 1: cron: the hour field '25': 25 is outside 0-23"),
                bad("{ on = schedule, cron = \"0 9 * *\", actions = [{ send-to = Team, text = x }] }",
                        "rule 1: cron: '0 9 * *' has 4 field(s)"),
                bad("{ on = schedule, cron = \"0 9 * * *\", reply = hello }",
                        "rule 1: reply: replies, but the rule has no chat to answer in after on = schedule;"
                                + " name a chat with send-to"),
                bad("{ on = member-joined, require-mention = false, reply = hi }",
                        "rule 1: require-mention: does not apply to on = member-joined; only texts in groups"),
                bad("{ on = login, cooldown = 1m, actions = [{ send-to = filehelper, text = x }] }",
                        "rule 1: cooldown: does not apply to on = login"),
                bad("{ on = revoke, keyword = x, reply = y }", "rule 1: keyword: does not apply to on = revoke"),
                bad("{ keyword = a, kinds = [image], reply = x }", "rule 1: kinds: goes with on = message only"),
                bad("{ keyword = a, actions = [{ accept = true }] }",
                        "rule 1: actions[1].accept: accepts friend requests: it needs on = friend-request"),
                bad("{ on = friend-request, actions = [{ text = hi }, { accept = true }] }",
                        "rule 1: actions[1]: replies, but the rule comes before accept"),
                bad("{ on = friend-request, actions = [{ invite-to = Club }, { accept = true }] }",
                        "rule 1: actions[1].invite-to: acts on the person who set the rule off, but it comes before"
                                + " accept"),
                bad("{ on = friend-request, actions = [{ accept = true }, { text = \"hi {sender}\" }] }",
                        "rule 1: actions[2].text: unknown placeholder {sender}; known: [greeting, nickname, time,"),
                bad("{ on = member-joined, actions = [{ text = hi, mention = [sender] }] }",
                        "rule 1: actions[1].mention: sender has no one to stand for after on = member-joined"),
                bad("{ on = member-left, reply = \"bye {membr}\" }",
                        "rule 1: reply: unknown placeholder {membr}; did you mean {member}?"),
                bad("{ on = login, actions = [{ forward-to = [Team] }] }",
                        "rule 1: actions[1].forward-to: forwards the message that set the rule off: it needs"),
                bad("{ keyword = a, actions = [{ text = hi, how = add }] }",
                        "rule 1: actions[1].how: does not go with text; text takes send-to, mention"),
                bad("{ keyword = a, actions = [{ invite-to = Club, how = sometimes }] }",
                        "rule 1: actions[1].how: must be auto"),
                bad("{ keyword = a, actions = [{ txt = hi }] }", "rule 1: actions[1].txt: unknown key; did you mean text?"),
                bad("{ keyword = a, actions = [{ accept = false }] }", "rule 1: actions[1].accept: accept = false does"
                        + " nothing"),
                bad("{ keyword = a, actions = [{ text = hi, image = x.png }] }",
                        "rule 1: actions[1].image: conflicts with text: an action is exactly one of"),
                bad("{ keyword = a, reply = x, actions = [{ text = y }] }", "rule 1: actions: conflicts with reply"),
                bad("{ keyword = a, pick = random, actions = [{ text = y }] }",
                        "rule 1: pick: goes with replies only"),
                bad("{ keyword = a, actions = [] }", "rule 1: actions: must hold at least one action"));
    }

    private static Arguments bad(String rule, String expected) {
        return Arguments.of(rule, expected);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void aMistakeNamesTheRuleTheKeyAndWhatIsWrong(String rule, String expected) {
        RuleSetReader.Reading reading = RuleSetReader.read(settings("rules = [" + rule + "]"));
        assertEquals(List.of(), reading.blockProblems());
        assertEquals(1, reading.badRules().size(), reading.badRules().toString());
        List<String> problems = reading.badRules().getFirst().problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems + " should have " + expected);
    }

    @Test
    void anLlmActionNeedsAMessageToAnswer() {
        RuleSetReader.Reading reading = RuleSetReader.read(settings("""
                llm { local { base-url = "http://127.0.0.1:9/v1", model = m } }
                rules = [{ on = schedule, cron = "0 9 * * *", actions = [{ llm { prompt = "say hello" } }] }]"""));
        assertEquals(List.of(), reading.blockProblems());
        assertEquals(List.of("rule 1: actions[1].llm: answers a message in its chat, remembering the conversation: it"
                + " needs on = text or on = message, not on = schedule"), reading.badRules().getFirst().problems()
                .stream().map(p -> p.substring(p.indexOf("rule 1"))).toList());
    }

    @Test
    void aKeyADefaultGivesIsIgnoredWhereItCannotApplyButTheSameKeyInTheRuleIsRefused() {
        RuleSetReader.Reading reading = RuleSetReader.read(withReference("""
                defaults { require-mention = true, cooldown = 5m, scope = [friends] }
                rules = [
                  { on = login, actions = [{ send-to = filehelper, text = online }] }
                  { on = member-joined, reply = "welcome {member}" }
                  { on = login, scope = [friends], actions = [{ send-to = filehelper, text = online }] }
                ]"""));
        assertEquals(List.of(), reading.blockProblems());
        assertEquals(2, reading.rules().rules().size(), reading.badRules().toString());
        assertEquals(List.of(3), reading.badRules().stream().map(RuleSetReader.BadRule::number).toList());
    }

    @Test
    void everyTriggerAndActionOfAValidFileLoads() {
        RuleSetReader.Reading reading = RuleSetReader.read(withReference("""
                rules = [
                  { keyword = hi, reply = hello }
                  { on = message, kinds = [image, file, link, card, video, voice, emoticon, location], actions = [
                      { forward-to = [Archive] }, { text = "filed, {sender}", mention = [sender] } ] }
                  { on = friend-request, regex = "(?P<code>\\\\d{4})", actions = [
                      { accept = true, remark = "{nickname} {code}" }, { text = "hi {nickname}: {greeting}" }
                      { invite-to = Club, how = invite } ] }
                  { on = member-joined, chats = [Club], actions = [
                      { text = "welcome {member}, thanks {inviter}", mention = [member, inviter, Alice] } ] }
                  { on = member-left, reply = "bye {member}" }
                  { on = revoke, scope = [groups], reply = "{sender} took it back" }
                  { on = schedule, cron = "30 8 * JAN-DEC MON-FRI", time-zone = "Asia/Shanghai", active-days = [mon-fri],
                    actions = [{ send-to = Team, text = "morning {time}" }] }
                  { on = login, actions = [{ send-to = filehelper, text = "online" }] }
                  { exact = kick, scope = [groups], actions = [{ remove-from = Club }] }
                ]"""));
        assertEquals(List.of(), reading.blockProblems());
        assertEquals(List.of(), reading.badRules());
        assertEquals(9, reading.rules().rules().size());
    }
}
