package dev.webwxbot.emulator.internal;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small text formats: content escaping, pass_ticket matching, query decoding, hosts, synccheck keys, ids. */
class WireFormatsTest {

    @Test
    void textContentEscapesMarkupAndLineBreaksButNotQuotes() {
        assertEquals("a &amp; b &lt;i&gt;<br/>c<br/>d 'e' \"f\"", WebText.escape("a & b <i>\nc\r\nd 'e' \"f\""));
        assertEquals("@abc:<br/>x&lt;y", WebText.groupContent("@abc", "x<y", true));
    }

    @Test
    void astralEmojiBecomeSpansAndFlagsShareOne() {
        assertEquals("hi <span class=\"emoji emoji1f604\"></span>!", WebText.escape("hi \uD83D\uDE04!", true));
        assertEquals("<span class=\"emoji emoji1f1e81f1f3\"></span>", WebText.escape("\uD83C\uDDE8\uD83C\uDDF3", true));
        assertEquals("\u2600 \uD83D\uDE04", WebText.escape("\u2600 \uD83D\uDE04", false));
    }

    @Test
    void passTicketMatchesEncodedTwiceOnceDecodedUndefinedOrMissing() {
        String stored = "kbmy5Jt9nj%2BJzBaJZYNpUBQyBwRTejeXq1sM%2FYH7iOI%3D";
        String doubleEncoded = URLEncoder.encode(stored, StandardCharsets.UTF_8);
        assertTrue(PassTickets.accepts(stored, stored));
        assertTrue(PassTickets.accepts(doubleEncoded, stored));
        assertTrue(PassTickets.accepts("kbmy5Jt9nj+JzBaJZYNpUBQyBwRTejeXq1sM/YH7iOI=", stored));
        assertTrue(PassTickets.accepts("undefined", stored));
        assertTrue(PassTickets.accepts(null, stored));
        assertFalse(PassTickets.accepts("kbmy5Jt9nj", stored));
    }

    @Test
    void queryKeepsRawValuesAndDecodesOnceWithoutTurningPlusIntoSpace() {
        QueryString query = QueryString.parse("pass_ticket=a%252Bb&sKey=%40crypt_1&uuid=gbyKnbsmqQ==&x=1+2&flag&bad=%Z1%");
        assertEquals("a%252Bb", query.raw("pass_ticket"));
        assertEquals("a%2Bb", query.get("pass_ticket"));
        assertEquals("@crypt_1", query.getIgnoreCase("skey"));
        assertEquals("gbyKnbsmqQ==", query.get("uuid"));
        assertEquals("1+2", query.get("x"));
        assertEquals("", query.get("flag"));
        assertEquals("%Z1%", query.get("bad"));
    }

    @Test
    void hostsResolveToTheirRoleAndFamilyIgnoringPortAndCase() {
        HostDirectory hosts = new HostDirectory();
        assertEquals(HostDirectory.Role.LOGIN, hosts.resolve("LOGIN.weixin.qq.com:443").role());
        assertEquals(HostDirectory.Role.API, hosts.resolve("wx2.qq.com").role());
        assertEquals("wx2.qq.com", hosts.resolve("webpush.wx2.qq.com").family().apiHost());
        assertEquals(HostDirectory.Role.FILE, hosts.resolve("file.web.wechat.com").role());
        assertEquals("web.wechat.com", hosts.resolve("webpush1.wechat.com").family().apiHost());
        assertEquals(HostDirectory.Role.UNKNOWN, hosts.resolve("qq.com").role());
        assertEquals(HostDirectory.Role.UNKNOWN, hosts.resolve(null).role());
    }

    @Test
    void synccheckKeyStringYieldsKeyOneOrNothing() {
        assertEquals(OptionalLong.of(698325105L), SyncEndpoints.messageKey("1_698325105|2_698325111|1000_1546210682"));
        assertEquals(OptionalLong.of(5L), SyncEndpoints.messageKey("2_1|1_5"));
        assertTrue(SyncEndpoints.messageKey("2_1|3_4").isEmpty());
        assertTrue(SyncEndpoints.messageKey("1_x").isEmpty());
        assertTrue(SyncEndpoints.messageKey("").isEmpty());
    }

    @Test
    void identifiersHaveTheObservedShapes() {
        Ids ids = new Ids();
        for (int i = 0; i < 200; i++) {
            assertTrue(ids.qrUuid().matches("[A-Za-z0-9]{10}=="));
            assertTrue(ids.loginTicket().matches("A[A-Za-z0-9_-]{23}@qrticket_0"));
            assertTrue(ids.skey().matches("@crypt_[0-9a-f]{8}_[0-9a-f]{32}"));
            assertTrue(ids.wxsid().matches("[A-Za-z0-9+/]{16}"));
            assertTrue(Long.toString(ids.messageId()).matches("\\d{19}"));
            assertTrue(ids.wxid().matches("wxid_[a-z0-9]{14}"));
            assertTrue(ids.groupUserName().matches("@@[0-9a-f]{64}"));
            String uin = Long.toString(ids.uin());
            assertTrue(uin.matches("\\d{9,10}") && Long.parseLong(uin) <= 4_294_967_295L);
            String passTicket = ids.passTicket();
            assertFalse(passTicket.contains("+") || passTicket.contains("/") || passTicket.contains("="), passTicket);
        }
    }
}
