package dev.webwxbot.core.internal.protocol;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses XML from the network with DTDs, external entities and XInclude off, so a hostile payload cannot read
 * files, reach the network or expand entities without bound; and with bounds on size and nesting, so a huge or
 * deeply nested one cannot exhaust memory or the stack of the DOM walks that read it (they recurse per level).
 */
public final class SafeXml {

    /** Characters: message payloads are a few KiB, the login answer less than one. */
    static final int MAX_CHARS = 1024 * 1024;
    /** Nesting: real payloads go 5 or 6 levels deep. */
    static final int MAX_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = secureFactory();
    /** A builder per thread, reset before each use: making one costs more than parsing a typical payload. */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SafeXml::newBuilder);

    private SafeXml() {
    }

    /** Fails with {@link MalformedResponseException} for anything not well-formed, hostile or over the bounds. */
    public static Document parse(String xml) throws MalformedResponseException {
        if (xml.length() > MAX_CHARS) {
            throw new MalformedResponseException("XML of " + xml.length() + " characters, over the limit of " + MAX_CHARS);
        }
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        builder.setErrorHandler(null);
        try {
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new MalformedResponseException("not well-formed XML: " + e.getMessage());
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured securely", e);
        }
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
        // The JDK's own limit property; secure processing alone leaves the depth unbounded.
        factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    /** The text of the first element with this tag name, or empty. */
    public static String childText(Document document, String tag) {
        var nodes = document.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
