package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code how = auto} brings a person into a group as WeChat's web page does (PROTOCOL.md 8.4): added at once below
 * 40 members, invited from there on; {@code add} and {@code invite} choose. A group of 40 is long to set up in the
 * emulator, so the address book here is a fake one.
 */
class InviteModeTest {

    private static final Contact CLUB = new Contact("@@club", "Club", "", "", ContactKind.GROUP, "");

    @ParameterizedTest(name = "how = {0} with {1} members: {2}")
    @CsvSource({"auto, 38, added", "auto, 39, invited", "auto, 120, invited", "add, 120, added", "invite, 2, invited"})
    void theOfficialThresholdDecidesUnlessTheRuleDoes(String how, int members, String expected) {
        FakeBot.Account account = new FakeBot.Account();
        List<Contact> inClub = IntStream.range(0, members)
                .mapToObj(i -> new Contact("@m" + i, "Member " + i, "", "", ContactKind.STRANGER, "")).toList();
        Bot bot = new FakeBot(account, Map.of(CLUB, inClub));
        RecordingContext context = new RecordingContext() {
            @Override
            public Bot bot() {
                return bot;
            }
        };
        handler("rules = [{ exact = join, actions = [{ invite-to = Club, how = " + how + " }] }]",
                new SettableClock(MONDAY_NOON_UTC)).handle(fromFriend(ALICE, "join"), context);
        assertEquals(expected.equals("added") ? List.of("Alice") : List.of(), account.added);
        assertEquals(expected.equals("invited") ? List.of("Alice") : List.of(), account.invited);
    }
}
