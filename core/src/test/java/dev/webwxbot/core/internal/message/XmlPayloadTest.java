package dev.webwxbot.core.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XmlPayloadTest {

    @Test
    void escapedPayloadWithBreaksAndTabsBetweenElementsParses() {
        XmlPayload xml = XmlPayload.of("&lt;msg&gt;<br/>\t&lt;appmsg&gt;&lt;title&gt;a &amp;amp; b&lt;/title&gt;"
                + "&lt;/appmsg&gt;<br/>&lt;/msg&gt;<br/>");
        assertTrue(xml.wellFormed());
        assertEquals("a & b", xml.text("appmsg", "title"));
    }

    @Test
    void escapedBreakAfterTheRootElementIsIgnored() {
        XmlPayload xml = XmlPayload.of("&lt;msg&gt;&lt;title&gt;x&lt;/title&gt;&lt;/msg&gt;&lt;br/&gt;<br/>");
        assertTrue(xml.wellFormed());
        assertEquals("x", xml.text("title"));
    }

    @Test
    void bareAmpersandInAUrlDoesNotBreakTheParse() {
        XmlPayload xml = XmlPayload.of("&lt;msg&gt;&lt;url&gt;http://a/?x=1&amp;y=2&lt;/url&gt;&lt;/msg&gt;");
        assertEquals("http://a/?x=1&y=2", xml.text("url"));
    }

    @Test
    void htmlOnlyEntityIsReadLiterallyInsteadOfBreakingThePayload() {
        XmlPayload xml = XmlPayload.of("&lt;msg&gt;&lt;title&gt;wait&amp;hellip;&lt;/title&gt;&lt;/msg&gt;");
        assertTrue(xml.wellFormed());
        assertEquals("wait&hellip;", xml.text("title"));
    }

    @Test
    void emojiSpansInsideThePayloadBecomeCharacters() {
        XmlPayload xml = XmlPayload.of("&lt;msg&gt;&lt;title&gt;hi<span class=\"emoji emoji1f604\"></span>"
                + "&lt;/title&gt;&lt;/msg&gt;");
        assertEquals("hi\uD83D\uDE04", xml.text("title"));
    }

    @Test
    void attributesOfAMalformedTagAreStillReadLeniently() {
        XmlPayload xml = XmlPayload.of("&lt;msg sign=\"x\"percard=\"1\" content=\"I&amp;apos;m\" ticket=\"v2_t\"&gt;"
                + "&lt;/msg&gt;");
        assertFalse(xml.wellFormed());
        assertEquals("v2_t", xml.attribute("msg", "ticket"));
        assertEquals("I'm", xml.attribute("msg", "content"));
        assertEquals("1", xml.attribute("msg", "percard"));
        assertEquals("", xml.text("msg"));
    }

    @Test
    void payloadDeclaringADtdIsHostileAndYieldsNothing() {
        XmlPayload xml = XmlPayload.of("&lt;!DOCTYPE msg [&lt;!ENTITY x SYSTEM \"file:///etc/passwd\"&gt;]&gt;"
                + "&lt;msg md5=\"abc\"&gt;&amp;x;&lt;/msg&gt;");
        assertTrue(xml.hostile());
        assertFalse(xml.wellFormed());
        assertEquals("", xml.attribute("msg", "md5"));
        assertEquals("", xml.text("msg"));
    }

    @Test
    void textThatIsNotXmlIsNeitherWellFormedNorHostile() {
        XmlPayload xml = XmlPayload.of("@0123456789abcdef");
        assertFalse(xml.wellFormed());
        assertFalse(xml.hostile());
        assertEquals("", xml.attribute("msg", "md5"));
    }
}
