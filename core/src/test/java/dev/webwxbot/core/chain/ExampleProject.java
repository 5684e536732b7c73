package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A stand-alone plugin project of {@code examples/}, read and built the way its {@code pom.xml} says: its sources
 * compiled against plugin-api with PF4J's annotation processor, its resources, the manifest entries of its jar
 * plugin. What the example tests share.
 */
final class ExampleProject {

    final Path dir;
    final Document pom;

    private ExampleProject(Path dir) throws Exception {
        this.dir = dir;
        this.pom = parseXml(dir.resolve("pom.xml"));
    }

    /** {@code examples/<name>} of this repository. */
    static ExampleProject named(String name) throws Exception {
        return new ExampleProject(Path.of("..", "examples", name).toAbsolutePath().normalize());
    }

    /**
     * Asserts the pom stands alone (no parent), compiles against the provided plugin-api and PF4J of this bot's
     * version, tests with the kit and JUnit the bot ships, and runs PF4J's annotation processor.
     */
    void assertStandsAloneOnThisBotsApi() throws Exception {
        Element project = pom.getDocumentElement();
        assertTrue(children(project, "parent").isEmpty(), "the example must not inherit from the bot's parent pom");
        Map<String, String> scopes = new LinkedHashMap<>();
        for (Element dependency : children(child(project, "dependencies"), "dependency")) {
            scopes.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"), text(dependency, "scope"));
        }
        assertEquals(Map.of("dev.webwxbot:plugin-api", "provided", "org.pf4j:pf4j", "provided",
                "dev.webwxbot:plugin-testkit", "test", "org.junit.jupiter:junit-jupiter", "test"), scopes,
                "the plugin compiles against the API alone; its tests use the plugin test kit");
        Map<String, String> properties = properties();
        Element root = parseXml(Path.of("..", "pom.xml")).getDocumentElement();
        assertEquals(text(root, "version"), properties.get("webwx-bot.version"), "the example builds against this bot version");
        assertEquals(text(child(root, "properties"), "pf4j.version"), properties.get("pf4j.version"),
                "the example uses the PF4J the bot ships");
        assertEquals(text(child(root, "properties"), "junit.version"), properties.get("junit.version"),
                "the example's tests run on the JUnit the bot's test kit is built with");
        Element compiler = buildPlugin("maven-compiler-plugin");
        assertEquals("org.pf4j", text(child(child(child(compiler, "configuration"), "annotationProcessorPaths"), "path"),
                "groupId"), "PF4J's annotation processor writes the extension index");
    }

    /** Compiles the example and packs it with the pom's manifest entries into {@code plugins}, as {@code mvn package} would. */
    Path buildInto(Path plugins) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(dir.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        Path resourceRoot = dir.resolve("src/main/resources");
        if (Files.isDirectory(resourceRoot)) {   // a plugin without settings has no reference.conf
            try (Stream<Path> files = Files.walk(resourceRoot)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    resources.put(resourceRoot.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        Map<String, String> manifest = new LinkedHashMap<>();
        Element entries = child(child(child(buildPlugin("maven-jar-plugin"), "configuration"), "archive"), "manifestEntries");
        Map<String, String> properties = properties();
        for (Element entry : children(entries, null)) manifest.put(entry.getTagName(), resolve(entry.getTextContent(), properties));
        assertTrue(manifest.keySet().containsAll(List.of("Plugin-Id", "Plugin-Version", "Plugin-Provider")), manifest.toString());
        String jar = text(pom.getDocumentElement(), "artifactId") + "-" + text(pom.getDocumentElement(), "version") + ".jar";
        return PluginJar.pack(sources, true, manifest, resources, plugins, jar);
    }

    /** The pom's properties plus the {@code project.*} values its manifest entries use. */
    Map<String, String> properties() {
        Element project = pom.getDocumentElement();
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element property : children(child(project, "properties"), null)) {
            properties.put(property.getTagName(), property.getTextContent().strip());
        }
        properties.put("project.version", text(project, "version"));
        properties.put("project.description", text(project, "description"));
        properties.put("project.artifactId", text(project, "artifactId"));
        properties.put("project.groupId", text(project, "groupId"));
        properties.put("project.name", text(project, "name"));
        return properties;
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher reference = Pattern.compile("\\$\\{([^}]+)}").matcher(value.strip());
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String replacement = properties.get(reference.group(1));
            if (replacement == null) throw new AssertionError("the example's pom uses an unknown ${" + reference.group(1) + "}");
            reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return reference.appendTail(out).toString();
    }

    private Element buildPlugin(String artifactId) {
        for (Element plugin : children(child(child(pom.getDocumentElement(), "build"), "plugins"), "plugin")) {
            if (text(plugin, "artifactId").equals(artifactId)) return plugin;
        }
        throw new AssertionError("the example's pom configures no " + artifactId);
    }

    private static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) throw new AssertionError("expected one <" + name + "> in <" + parent.getTagName() + ">");
        return found.getFirst();
    }

    /** Direct child elements, all of them when {@code name} is null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && (name == null || nodes.item(i).getNodeName().equals(name))) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }
}
