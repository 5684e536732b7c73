package dev.webwxbot.launcher.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The local Maven repository a plugin build will read, found the way Maven finds it in the usual set-ups, so that
 * what {@code install-api} installs is where {@code mvn} looks.
 *
 * @param path the repository folder
 * @param source where that choice came from, in words
 */
record LocalRepository(Path path, String source) {

    private static final String PROPERTY = "maven.repo.local";
    private static final Pattern IN_OPTIONS = Pattern.compile("(?:^|\\s)-D" + Pattern.quote(PROPERTY) + "=(\\S+)");

    /**
     * In order: {@code given} (the {@code --repo} option), the system property {@code maven.repo.local},
     * {@code -Dmaven.repo.local=…} in {@code MAVEN_OPTS} or {@code MAVEN_ARGS}, {@code <localRepository>} of
     * {@code ~/.m2/settings.xml}, and Maven's default {@code ~/.m2/repository}.
     */
    static LocalRepository find(Path given, Map<String, String> environment, Path userHome) {
        if (given != null) return new LocalRepository(given, "--repo");
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) return new LocalRepository(Path.of(property), "-D" + PROPERTY);
        for (String variable : new String[] {"MAVEN_OPTS", "MAVEN_ARGS"}) {
            Matcher matcher = IN_OPTIONS.matcher(environment.getOrDefault(variable, ""));
            if (matcher.find()) return new LocalRepository(Path.of(matcher.group(1)), "-D" + PROPERTY + " in " + variable);
        }
        Path settings = userHome.resolve(".m2").resolve("settings.xml");
        Optional<String> configured = localRepositoryIn(settings);
        if (configured.isPresent()) {
            String path = configured.get().replace("${user.home}", userHome.toString());
            return new LocalRepository(Path.of(path), "<localRepository> of " + settings);
        }
        return new LocalRepository(userHome.resolve(".m2").resolve("repository"), "Maven's default");
    }

    private static Optional<String> localRepositoryIn(Path settings) {
        if (!Files.isRegularFile(settings)) return Optional.empty();
        try {
            Element element = ApiArtifacts.firstChild(
                    ApiArtifacts.parser().parse(settings.toFile()).getDocumentElement(), "localRepository");
            return Optional.ofNullable(element).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
        } catch (IOException | SAXException | ParserConfigurationException e) {
            // Maven itself would stop on a broken settings file; say so rather than install somewhere else.
            throw new IllegalArgumentException("cannot read " + settings + " (" + e.getMessage() + "); fix it or give"
                    + " the local repository with --repo DIR");
        }
    }
}
