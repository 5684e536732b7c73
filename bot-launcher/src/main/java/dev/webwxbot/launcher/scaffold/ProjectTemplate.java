package dev.webwxbot.launcher.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a new plugin project, rendered from the templates under {@code template/} beside this class. A
 * template is the file as it will be, with {@code {{name}}} where a value goes; nothing else is special, so the
 * Maven and HOCON {@code ${…}} of the templates pass through untouched.
 */
final class ProjectTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    /** The bot's version and the versions it ships with, filled in by the bot's build. */
    record Versions(String bot, String pf4j, String junit) {

        static Versions ofThisBuild() {
            Properties properties = new Properties();
            try (InputStream in = ProjectTemplate.class.getResourceAsStream("versions.properties")) {
                if (in == null) throw new IllegalStateException("versions.properties missing from the launcher");
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Versions(properties.getProperty("webwx-bot"), properties.getProperty("pf4j"),
                    properties.getProperty("junit"));
        }
    }

    private final PluginName name;
    private final Map<String, String> values = new LinkedHashMap<>();

    ProjectTemplate(PluginName name, Versions versions) {
        this.name = name;
        values.put("id", name.id());
        values.put("groupId", name.groupId());
        values.put("artifactId", name.artifactId());
        values.put("package", name.javaPackage());
        values.put("packagePath", name.packagePath());
        values.put("className", name.className());
        values.put("botVersion", versions.bot());
        values.put("pf4jVersion", versions.pf4j());
        values.put("junitVersion", versions.junit());
    }

    /** Where each template goes in the project: template name, then the path relative to the project folder. */
    Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml.tmpl", "pom.xml");
        files.put("Handler.java.tmpl", "src/main/java/" + name.packagePath() + "/" + name.className() + ".java");
        files.put("reference.conf.tmpl", "src/main/resources/reference.conf");
        files.put("HandlerTest.java.tmpl",
                "src/test/java/" + name.packagePath() + "/" + name.className() + "Test.java");
        files.put("README.md.tmpl", "README.md");
        files.put("gitignore.tmpl", ".gitignore");
        return files;
    }

    /** Writes every file under {@code project} (which exists and is empty); returns their relative paths. */
    List<String> writeTo(Path project) throws IOException {
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path target = project.resolve(file.getValue());
            Files.createDirectories(target.getParent());
            Files.writeString(target, render(file.getKey()), StandardCharsets.UTF_8);
            written.add(file.getValue());
        }
        return written;
    }

    /** The template {@code template/<templateName>} with every placeholder replaced. */
    String render(String templateName) {
        String text;
        try (InputStream in = ProjectTemplate.class.getResourceAsStream("template/" + templateName)) {
            if (in == null) throw new IllegalStateException("template " + templateName + " missing from the launcher");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            // A template naming a value that does not exist is the launcher's bug; say which.
            if (value == null) {
                throw new IllegalStateException("template " + templateName + " uses unknown {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        String rendered = matcher.appendTail(out).toString();
        if (text.replaceAll(PLACEHOLDER.pattern(), "").contains("{{")) {
            throw new IllegalStateException("template " + templateName + " has a malformed {{…}}");
        }
        return rendered;
    }
}
