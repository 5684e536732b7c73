package dev.webwxbot.core.internal.message;

import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import dev.webwxbot.core.internal.protocol.SafeXml;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An XML payload inside a message {@code Content} (PROTOCOL.md 9.2): {@code <br/>} and tabs between elements,
 * entity-escaped, sometimes with emoji spans. Prepared, then parsed with {@link SafeXml} only.
 *
 * <p>A payload declaring a DTD or entities is <em>hostile</em>: nothing is read from it at all. A payload that is
 * merely malformed (the server's attribute lists sometimes lack a space) still yields its attributes through a
 * tolerant scan, but no element text.
 */
final class XmlPayload {

    private static final Pattern BREAK = Pattern.compile("<br\\s*/?>");
    /**
     * An {@code &} that does not start one of XML's own entities: the server escapes once, so URLs can carry bare
     * ones, and an HTML-only entity ({@code &hellip;}) would otherwise make the whole payload unreadable.
     */
    private static final Pattern BARE_AMPERSAND =
            Pattern.compile("&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|(lt|gt|amp|quot|apos);)");
    private static final Pattern DECLARATION = Pattern.compile("<!(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

    private final String xml;
    private final Document document;
    private final boolean hostile;

    private XmlPayload(String xml, Document document, boolean hostile) {
        this.xml = xml;
        this.document = document;
        this.hostile = hostile;
    }

    /** Never throws: check {@link #wellFormed()} and {@link #hostile()}. */
    static XmlPayload of(String content) {
        String xml = prepare(content);
        if (DECLARATION.matcher(xml).find()) return new XmlPayload(xml, null, true);
        if (xml.isEmpty() || xml.charAt(0) != '<') return new XmlPayload(xml, null, false);
        try {
            return new XmlPayload(xml, SafeXml.parse(xml), false);
        } catch (MalformedResponseException e) {
            return new XmlPayload(xml, null, false);
        }
    }

    /** Line breaks, emoji spans and entities decoded; anything before the first or after the last tag dropped. */
    static String prepare(String content) {
        String text = BREAK.matcher(content).replaceAll("\n");
        text = ContentText.unescapeEntities(ContentText.decodeEmoji(text));
        text = BREAK.matcher(text).replaceAll("\n"); // an escaped &lt;br/&gt; after the root element
        int first = text.indexOf('<');
        int last = text.lastIndexOf('>');
        if (first < 0 || last < first) return text.strip();
        return BARE_AMPERSAND.matcher(text.substring(first, last + 1)).replaceAll("&amp;");
    }

    boolean wellFormed() {
        return document != null;
    }

    boolean hostile() {
        return hostile;
    }

    /** Text of the first {@code tag} element anywhere (CDATA included), trimmed and emoji-decoded; else empty. */
    String text(String tag) {
        if (document == null) return "";
        return textOf(first(document.getElementsByTagName(tag)));
    }

    /** Text of the first {@code child} element inside the first {@code parent} element; else empty. */
    String text(String parent, String child) {
        if (document == null) return "";
        Node outer = first(document.getElementsByTagName(parent));
        if (!(outer instanceof Element element)) return "";
        return textOf(first(element.getElementsByTagName(child)));
    }

    /**
     * Attribute {@code name} of the first {@code tag} element; for a malformed but harmless payload, read from the
     * tag's text leniently. Empty when absent or hostile.
     */
    String attribute(String tag, String name) {
        if (hostile) return "";
        if (document != null) {
            Node node = first(document.getElementsByTagName(tag));
            return node instanceof Element element ? ContentText.decodeEmoji(element.getAttribute(name)) : "";
        }
        return lenientAttribute(tag, name);
    }

    private String lenientAttribute(String tag, String name) {
        Matcher open = Pattern.compile("<" + Pattern.quote(tag) + "[\\s/>]").matcher(xml);
        if (!open.find()) return "";
        int end = xml.indexOf('>', open.start());
        String tagText = xml.substring(open.start(), end < 0 ? xml.length() : end);
        Matcher value = Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "\\s*=\\s*\"([^\"]*)\"").matcher(tagText);
        if (!value.find()) return "";
        return ContentText.decodeEmoji(ContentText.unescapeEntities(value.group(1)));
    }

    private static Node first(NodeList nodes) {
        return nodes.getLength() == 0 ? null : nodes.item(0);
    }

    private static String textOf(Node node) {
        return node == null ? "" : ContentText.decodeEmoji(node.getTextContent().strip());
    }

    /** Integer attribute, or {@code fallback}. */
    int intAttribute(String tag, String name, int fallback) {
        return Numbers.toInt(attribute(tag, name), fallback);
    }
}
