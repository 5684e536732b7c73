package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When rules are in force (cooldowns are in CooldownInChatsTest). */
class ActiveWindowTest {

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);
    private final RecordingContext context = new RecordingContext();

    private Outcome say(AutoReplyHandler handler, Contact friend, String text) {
        return handler.handle(fromFriend(friend, text), context);
    }

    @Test
    void activeHoursInTheRulesZoneDecideWhichRuleAnswers() {
        AutoReplyHandler handler = handler("""
                defaults { time-zone = "Asia/Shanghai" }
                rules = [
                  { keyword = hi, reply = "at work", active-hours = "09:00-18:00" }
                  { keyword = hi, reply = "off duty" }
                ]""", clock);
        clock.set(Instant.parse("2024-05-06T01:00:00Z")); // 09:00 in Shanghai
        say(handler, ALICE, "hi");
        clock.set(Instant.parse("2024-05-06T09:59:00Z")); // 17:59
        say(handler, ALICE, "hi");
        clock.set(Instant.parse("2024-05-06T10:00:00Z")); // 18:00, end is exclusive
        say(handler, ALICE, "hi");
        assertEquals(List.of("at work", "at work", "off duty"), context.texts());
    }

    @Test
    void overnightRangesAndSeveralRangesWork() {
        AutoReplyHandler handler = handler("""
                rules = [{ keyword = hi, reply = night, time-zone = UTC, active-hours = "12:00-12:30, 22:00-07:00" }]
                """, clock);
        for (String time : List.of("23:30", "06:59", "07:00", "12:10", "13:00")) {
            clock.set(Instant.parse("2024-05-06T" + time + ":00Z"));
            say(handler, ALICE, "hi " + time);
        }
        assertEquals(3, context.replies.size(), "23:30, 06:59 and 12:10 answered; 07:00 and 13:00 not");
    }

    @Test
    void activeDaysAcceptRangesAndNames() {
        AutoReplyHandler handler = handler(
                "rules = [{ keyword = hi, reply = weekday, time-zone = UTC, active-days = [mon-wed, Friday] }]", clock);
        // 2024-05-06 is a Monday
        for (int day = 6; day <= 12; day++) {
            clock.set(Instant.parse("2024-05-%02dT12:00:00Z".formatted(day)));
            say(handler, ALICE, "hi");
        }
        assertEquals(4, context.replies.size(), "Mon, Tue, Wed, Fri");
    }

    @Test
    void wrappingDayRangeCoversTheWeekend() {
        assertEquals(java.util.EnumSet.of(java.time.DayOfWeek.FRIDAY, java.time.DayOfWeek.SATURDAY,
                        java.time.DayOfWeek.SUNDAY, java.time.DayOfWeek.MONDAY),
                ActiveWindow.parseDays(List.of("fri-mon")));
    }
}
