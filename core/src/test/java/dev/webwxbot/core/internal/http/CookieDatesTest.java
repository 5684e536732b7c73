package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieDatesTest {

    @Test
    void webWeChatDashedFormatIsParsed() {
        assertEquals(Optional.of(Instant.parse("2018-12-31T11:12:21Z")),
                CookieDates.parse("Mon, 31-Dec-2018 11:12:21 GMT"));
    }

    @Test
    void rfc1123AndAsctimeFormatsAreParsed() {
        assertEquals(Optional.of(Instant.parse("2028-12-27T23:12:21Z")),
                CookieDates.parse("Wed, 27 Dec 2028 23:12:21 GMT"));
        assertEquals(Optional.of(Instant.parse("2019-01-02T03:04:05Z")),
                CookieDates.parse("Wed Jan  2 03:04:05 2019"));
    }

    @Test
    void twoDigitYearsFollowRfc6265() {
        assertEquals(Optional.of(Instant.parse("1999-02-03T00:00:00Z")), CookieDates.parse("Wed, 03-Feb-99 00:00:00 GMT"));
        assertEquals(Optional.of(Instant.parse("2030-02-03T00:00:00Z")), CookieDates.parse("Sun, 03-Feb-30 00:00:00 GMT"));
    }

    @Test
    void impossibleOrIncompleteDatesAreRejected() {
        assertEquals(Optional.empty(), CookieDates.parse("Mon, 31-Feb-2018 11:12:21 GMT"));
        assertEquals(Optional.empty(), CookieDates.parse("Mon, 31-Dec-2018 GMT"));
        assertEquals(Optional.empty(), CookieDates.parse("Mon, 31-Dec-2018 25:00:00 GMT"));
        assertEquals(Optional.empty(), CookieDates.parse("tomorrow"));
    }

    @Test
    void datesReadAgainAmongManyOthersKeepTheirOwnValues() {
        // More distinct texts than the cache of recent dates has slots, each read twice in alternation: a slot
        // shared by two texts must never answer one with the other's date.
        Instant first = Instant.parse("2026-12-07T00:00:00Z");
        DateTimeFormatter webWeChat = DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US)
                .withZone(ZoneOffset.UTC);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 200; i++) {
                Instant expected = first.plusSeconds(i * 3_607L);
                assertEquals(Optional.of(expected), CookieDates.parse(webWeChat.format(expected)), "date " + i);
                assertEquals(Optional.empty(), CookieDates.parse("not a date " + i));
            }
        }
    }

    @Test
    void aLongTextIsStillReadWhenTooLongToBeKept() {
        String padded = "Mon, 31-Dec-2018 11:12:21 GMT" + " ".repeat(100);
        assertEquals(Optional.of(Instant.parse("2018-12-31T11:12:21Z")), CookieDates.parse(padded));
        assertEquals(Optional.of(Instant.parse("2018-12-31T11:12:21Z")), CookieDates.parse(padded));
    }
}
