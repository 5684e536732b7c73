package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.http.CookieJar.StoredCookie;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieJarTest {

    /** The Set-Cookie lines of a real webwxnewloginpage answer (corpus capture qjesus-06), in the order received. */
    private static final List<String> LOGIN_PAGE_COOKIES = List.of(
            "wxuin=176666155; Domain=wx.qq.com; Path=/; Expires=Mon, 31-Dec-2018 11:12:21 GMT; Secure",
            "wxsid=5YpLHmVgWwH5LxN1; Domain=wx.qq.com; Path=/; Expires=Mon, 31-Dec-2018 11:12:21 GMT; Secure",
            "wxloadtime=1546211541; Domain=wx.qq.com; Path=/; Expires=Mon, 31-Dec-2018 11:12:21 GMT; Secure",
            "mm_lang=zh_CN; Domain=wx.qq.com; Path=/; Expires=Mon, 31-Dec-2018 11:12:21 GMT; Secure",
            "webwx_data_ticket=gSehWtnDWTMh38gmz0IjaFv0; Domain=.qq.com; Path=/; "
                    + "Expires=Mon, 31-Dec-2018 11:12:21 GMT; Secure",
            "webwxuvid=fcc96ffbc5c1; Domain=wx.qq.com; Path=/; Expires=Wed, 27-Dec-2028 23:12:21 GMT; Secure",
            "webwx_auth_ticket=CIsBENjn/8ICGoAB+rxsLEgoVGaJbhb5iMyGRjTEOdP+ohY9S+6aZh8ADk/RdxE3SrHB5cNDdDw0t9ZAUx2fa35DiM8pGFJQa+5P7PqennD1Lsl3P8=; "
                    + "Domain=wx.qq.com; Path=/; Expires=Wed, 27-Dec-2028 23:12:21 GMT; Secure");

    private static final String ALL_LOGIN_COOKIES = "wxuin=176666155; wxsid=5YpLHmVgWwH5LxN1; wxloadtime=1546211541; "
            + "mm_lang=zh_CN; webwx_data_ticket=gSehWtnDWTMh38gmz0IjaFv0; webwxuvid=fcc96ffbc5c1; "
            + "webwx_auth_ticket=CIsBENjn/8ICGoAB+rxsLEgoVGaJbhb5iMyGRjTEOdP+ohY9S+6aZh8ADk/RdxE3SrHB5cNDdDw0t9ZAUx2fa35DiM8pGFJQa+5P7PqennD1Lsl3P8=";

    private static final URI LOGIN_PAGE = URI.create("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage"
            + "?ticket=AaXdHpmbWGYo_ZOk7ylAnnCY@qrticket_0&uuid=gbyKnbsmqQ==&lang=zh_CN&scan=1546211468&fun=new");

    /** Half a day after the capture was taken, so its 12-hour cookies are still alive. */
    private final MutableClock clock = new MutableClock(Instant.parse("2018-12-31T00:00:00Z"));
    private final CookieJar jar = new CookieJar(clock);

    private Optional<String> headerFor(String uri) {
        return jar.cookieHeader(URI.create(uri));
    }

    @Test
    void cookiesForTheApiHostAreSentToItsPushAndFileSubdomains() {
        jar.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES);

        assertEquals(Optional.of(ALL_LOGIN_COOKIES),
                headerFor("https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck?r=1&skey=x"));
        assertEquals(Optional.of(ALL_LOGIN_COOKIES),
                headerFor("https://file.wx.qq.com/cgi-bin/mmwebwx-bin/webwxuploadmedia?f=json"));
        assertEquals(Optional.of(ALL_LOGIN_COOKIES), headerFor("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit"));
    }

    @Test
    void parentDomainCookieReachesASiblingApiHostButTheApiHostCookiesDoNot() {
        jar.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES);

        assertEquals(Optional.of("webwx_data_ticket=gSehWtnDWTMh38gmz0IjaFv0"),
                headerFor("https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxinit"));
        assertEquals(Optional.empty(), headerFor("https://wechat.com/"));
    }

    @Test
    void valueFindsTheDataTicketForTheFileHost() {
        jar.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES);

        assertEquals(Optional.of("gSehWtnDWTMh38gmz0IjaFv0"), jar.value("webwx_data_ticket", "file.wx.qq.com"));
        assertEquals(Optional.of("176666155"), jar.value("wxuin", "webpush.wx.qq.com"));
        assertEquals(Optional.empty(), jar.value("wxuin", "wx2.qq.com"));
    }

    @Test
    void theCaptureCookiesAreExpiredTodayAndNeverSent() {
        CookieJar today = new CookieJar();
        today.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES.subList(0, 5)); // the five that expired on 2018-12-31

        assertEquals(Optional.empty(), today.cookieHeader(URI.create("https://wx.qq.com/")));
        assertEquals(List.of(), today.all());
    }

    @Test
    void cookiesStopBeingSentWhenTheyExpire() {
        jar.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES);

        clock.set(Instant.parse("2018-12-31T11:12:22Z"));

        assertEquals(Optional.of("webwxuvid=fcc96ffbc5c1; webwx_auth_ticket=CIsBENjn/8ICGoAB+rxsLEgoVGaJbhb5iMyGRjTEOdP"
                + "+ohY9S+6aZh8ADk/RdxE3SrHB5cNDdDw0t9ZAUx2fa35DiM8pGFJQa+5P7PqennD1Lsl3P8="),
                headerFor("https://wx.qq.com/"));
    }

    @Test
    void hostOnlyCookieIsNotSentToSubdomains() {
        jar.store(URI.create("https://wx.qq.com/"), List.of("mm_lang=zh_CN; Path=/"));

        assertEquals(Optional.of("mm_lang=zh_CN"), headerFor("https://wx.qq.com/"));
        assertEquals(Optional.of("mm_lang=zh_CN"), headerFor("https://WX.QQ.COM/"));
        assertEquals(Optional.empty(), headerFor("https://webpush.wx.qq.com/"));
        assertTrue(jar.all().getFirst().hostOnly());
    }

    @Test
    void pathAttributeLimitsWhereTheCookieIsSent() {
        jar.store(URI.create("https://wx.qq.com/"), List.of("a=1; Path=/cgi-bin/mmwebwx-bin"));

        assertEquals(Optional.of("a=1"), headerFor("https://wx.qq.com/cgi-bin/mmwebwx-bin"));
        assertEquals(Optional.of("a=1"), headerFor("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit?r=1"));
        assertEquals(Optional.empty(), headerFor("https://wx.qq.com/cgi-bin/mmwebwx-binary"));
        assertEquals(Optional.empty(), headerFor("https://wx.qq.com/"));
    }

    @Test
    void withoutPathTheDefaultPathIsTheRequestDirectory() {
        jar.store(URI.create("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit?r=1"), List.of("a=1"));
        jar.store(URI.create("https://wx.qq.com/jslogin"), List.of("b=2; Path=relative"));

        assertEquals("/cgi-bin/mmwebwx-bin", jar.all().get(0).path());
        assertEquals("/", jar.all().get(1).path());
        assertEquals(Optional.of("b=2"), headerFor("https://wx.qq.com/cgi-bin/other"));
    }

    @Test
    void longerPathsComeFirstThenEarlierCreation() {
        URI page = URI.create("https://wx.qq.com/");
        jar.store(page, List.of("first=1; Path=/"));
        clock.advance(Duration.ofSeconds(1));
        jar.store(page, List.of("deep=2; Path=/cgi-bin/mmwebwx-bin", "second=3; Path=/"));
        clock.advance(Duration.ofSeconds(1));
        jar.store(page, List.of("first=updated; Path=/")); // replacing keeps the original creation time

        assertEquals(Optional.of("deep=2; first=updated; second=3"),
                headerFor("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsync"));
    }

    @Test
    void maxAgeWinsOverExpiresWhateverTheOrder() {
        URI page = URI.create("https://wx.qq.com/");
        jar.store(page, List.of(
                "kept=1; Max-Age=60; Expires=Mon, 31-Dec-2001 11:12:21 GMT",
                "gone=2; Expires=Wed, 27-Dec-2028 23:12:21 GMT; Max-Age=0"));

        assertEquals(Optional.of("kept=1"), headerFor("https://wx.qq.com/"));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(Optional.empty(), headerFor("https://wx.qq.com/"));
    }

    @Test
    void anExpiryInThePastDeletesTheStoredCookie() {
        jar.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES);

        jar.store(LOGIN_PAGE, List.of("wxsid=x; Domain=wx.qq.com; Path=/; Expires=Thu, 01-Jan-1970 00:00:01 GMT",
                "wxuin=x; Domain=wx.qq.com; Path=/; Max-Age=-1"));

        assertEquals(Optional.empty(), jar.value("wxsid", "wx.qq.com"));
        assertEquals(Optional.empty(), jar.value("wxuin", "wx.qq.com"));
        assertEquals(5, jar.all().size());
    }

    @Test
    void secureCookieIsNotSentOverPlainHttp() {
        jar.store(URI.create("https://wx.qq.com/"), List.of("s=1; Secure", "p=2"));

        assertEquals(Optional.of("s=1; p=2"), headerFor("https://wx.qq.com/"));
        assertEquals(Optional.of("p=2"), headerFor("http://wx.qq.com/"));
    }

    @Test
    void aDomainThatDoesNotMatchTheRequestHostIsRejected() {
        jar.store(URI.create("https://wx.qq.com/"), List.of(
                "foreign=1; Domain=wx2.qq.com",
                "child=2; Domain=webpush.wx.qq.com",
                "suffix=3; Domain=x.qq.com",
                "toplevel=4; Domain=com",
                "parent=5; Domain=QQ.com"));

        assertEquals(List.of("parent"), jar.all().stream().map(StoredCookie::name).toList());
        assertEquals("qq.com", jar.all().getFirst().domain());
    }

    @Test
    void cookiesSetForAnIpAddressReachOnlyThatAddress() {
        jar.store(URI.create("http://127.0.0.1:8080/"), List.of("a=1", "b=2; Domain=0.0.1"));

        assertEquals(Optional.of("a=1"), headerFor("http://127.0.0.1/"));
        assertEquals(1, jar.all().size());
    }

    @Test
    void malformedSetCookieValuesAreIgnored() {
        jar.store(URI.create("https://wx.qq.com/"), List.of("novalue", "=anonymous", "tab=a\tb", "ok = fine ; Path=/"));

        assertEquals(Optional.of("ok=fine"), headerFor("https://wx.qq.com/"));
    }

    @Test
    void restoredCookiesBehaveLikeTheOriginals() {
        jar.store(LOGIN_PAGE, LOGIN_PAGE_COOKIES);
        jar.store(URI.create("https://wx.qq.com/cgi-bin/"), List.of("session=1"));
        List<StoredCookie> saved = jar.all();

        CookieJar restored = new CookieJar(clock);
        restored.put(new StoredCookie("stale", "x", "wx.qq.com", true, "/", false, false, null, clock.instant()));
        restored.restore(saved);

        assertEquals(saved, restored.all());
        for (String uri : List.of("https://webpush.wx.qq.com/", "https://wx2.qq.com/", "https://wx.qq.com/cgi-bin/x")) {
            assertEquals(headerFor(uri), restored.cookieHeader(URI.create(uri)), uri);
        }
    }

    @Test
    void putSeedsOneCookieAndSkipsAnExpiredOne() {
        jar.put(new StoredCookie("wxuin", "176666155", ".wx.qq.com", false, "/", false, false, null, clock.instant()));
        jar.put(new StoredCookie("old", "1", "wx.qq.com", false, "/", false, false,
                clock.instant().minusSeconds(1), clock.instant()));

        assertEquals(Optional.of("wxuin=176666155"), headerFor("https://webpush.wx.qq.com/"));
        assertEquals("wx.qq.com", jar.all().getFirst().domain());
    }

    @Test
    void aCookieThatWouldCorruptTheHeaderCannotBeSeeded() {
        assertThrows(IllegalArgumentException.class, () ->
                new StoredCookie("a", "1\r\nX: y", "wx.qq.com", true, "/", false, false, null, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () ->
                new StoredCookie("a;b", "1", "wx.qq.com", true, "/", false, false, null, Instant.EPOCH));
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
