package dev.webwxbot.emulator.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

/** XML a client sent in a message body, parsed without DTDs or external entities. Stateless. */
final class SafeXml {
    private static final int MAX_CHARS = 64 * 1024;
    /** Malformed content is an answer, not a report: without a handler the parser prints each error to stderr. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private SafeXml() {
    }

    /** The root of {@code content} when it is named {@code rootName}, else (or for anything unparsable) null. */
    static Element root(String content, String rootName) {
        if (content.isEmpty() || content.length() > MAX_CHARS) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            Document document = builder.parse(new InputSource(new StringReader(content)));
            Element root = document.getDocumentElement();
            return root.getTagName().equals(rootName) ? root : null;
        } catch (Exception e) {
            return null;
        }
    }
}
