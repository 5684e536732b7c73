package dev.webwxbot.launcher.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The bot's own Maven artifacts a plugin build needs (the parent pom, plugin-api, plugin-testkit and the bot's
 * modules the kit uses), as the distribution ships them in {@code maven/}: a Maven repository's layout, laid out by
 * the bot's build with Maven's own install step (jars, poms, {@code maven-metadata-local.xml}, and the
 * {@code _remote.repositories} that mark them as installed locally). Installing is copying that tree into the
 * author's local repository; no Maven, no network, no checkout.
 */
final class ApiArtifacts {

    /** The folder of an installation holding the artifacts. */
    static final String FOLDER = "maven";
    private static final String METADATA = "maven-metadata-local.xml";

    /** One artifact, e.g. dev.webwxbot:plugin-api:0.1.0. */
    record Artifact(String groupId, String artifactId, String version) {}

    private final Path root;

    private ApiArtifacts(Path root) {
        this.root = root;
    }

    /**
     * The artifacts of the installation at {@code home}.
     *
     * @throws IllegalArgumentException when it has none, saying where they were looked for
     */
    static ApiArtifacts ofInstallation(Path home) {
        Path root = home.resolve(FOLDER).toAbsolutePath().normalize();
        ApiArtifacts artifacts = new ApiArtifacts(root);
        if (!Files.isDirectory(root) || artifacts.list().stream().noneMatch(a -> a.artifactId().equals("plugin-api"))) {
            throw new IllegalArgumentException("no plugin API artifacts in " + root + "; this command installs them from"
                    + " a webwx-bot distribution: run it as bin/webwx-bot of an unpacked release, or ./webwx-bot of a"
                    + " source checkout");
        }
        return artifacts;
    }

    /** The artifacts shipped, one per version folder holding a pom. */
    List<Artifact> list() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pom")).sorted().map(pom -> {
                Path version = pom.getParent();
                Path artifact = version.getParent();
                String group = root.relativize(artifact.getParent()).toString()
                        .replace(root.getFileSystem().getSeparator(), ".");
                return new Artifact(group, artifact.getFileName().toString(), version.getFileName().toString());
            }).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies every artifact into the local repository {@code repo} (made if missing), replacing the same version
     * installed before; an artifact's list of versions keeps the versions installed there already.
     *
     * @return the artifacts installed
     */
    List<Artifact> installInto(Path repo) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path target = repo.resolve(root.relativize(file).toString());
            Files.createDirectories(target.getParent());
            if (file.getFileName().toString().equals(METADATA) && Files.isRegularFile(target)) {
                mergeMetadata(file, target);
            } else {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return list();
    }

    /**
     * An artifact's metadata lists every version installed; keep the ones already there and add the shipped one.
     * A version's own metadata (no version list) is simply replaced, as is a file that does not parse.
     */
    private static void mergeMetadata(Path shipped, Path installed) throws IOException {
        try {
            DocumentBuilder parser = parser();
            Document ours = parser.parse(shipped.toFile());
            Document theirs = parser.parse(installed.toFile());
            Element theirVersions = firstChild(theirs.getDocumentElement(), "versioning", "versions");
            Element ourVersions = firstChild(ours.getDocumentElement(), "versioning", "versions");
            if (theirVersions == null || ourVersions == null) {
                Files.copy(shipped, installed, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            List<String> known = texts(theirVersions.getElementsByTagName("version"));
            for (String version : texts(ourVersions.getElementsByTagName("version"))) {
                if (known.contains(version)) continue;
                Element added = theirs.createElement("version");
                added.setTextContent(version);
                theirVersions.appendChild(added);
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(theirs), new StreamResult(installed.toFile()));
        } catch (SAXException e) {
            Files.copy(shipped, installed, StandardCopyOption.REPLACE_EXISTING);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot update " + installed + ": " + e.getMessage(), e);
        }
    }

    /** A parser that reads no DTD and fetches nothing: the files are plain data. */
    static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }

    /** The element reached from {@code from} by the first child of each name in turn, or null. */
    static Element firstChild(Element from, String... names) {
        Element current = from;
        for (String name : names) {
            Element next = null;
            NodeList children = current.getChildNodes();
            for (int i = 0; i < children.getLength() && next == null; i++) {
                if (children.item(i) instanceof Element child && child.getTagName().equals(name)) next = child;
            }
            if (next == null) return null;
            current = next;
        }
        return current;
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent().strip());
        return texts;
    }
}
