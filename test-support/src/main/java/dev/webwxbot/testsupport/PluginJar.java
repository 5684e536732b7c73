package dev.webwxbot.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar in a test, like PF4J's own {@code PluginJar} test helper: handler sources compiled
 * against the plugin API and PF4J found on the test's class path, the extension index PF4J reads, the manifest, and
 * optionally a {@code reference.conf}. For tests of every module that loads plugins from a folder (the core's host,
 * the daemon, the terminal client). Not thread-safe; each jar is written atomically.
 *
 * <pre>{@code
 * PluginJar.plugin("tools").handler("Tools", "return Outcome.CONTINUE;", "").writeTo(pluginsDir, "tools.jar");
 * }</pre>
 */
public final class PluginJar {

    /** A class of the plugin API and one of PF4J, looked up by name: this module depends on neither. */
    private static final String PLUGIN_API = "dev.webwxbot.api.MessageHandler";
    private static final String PF4J = "org.pf4j.Extension";

    private final String id;
    private String version = "1.0.0";
    private final Map<String, String> handlers = new LinkedHashMap<>();
    private String referenceConf;

    private PluginJar(String id) {
        this.id = id;
    }

    /** A plugin with this {@code Plugin-Id}. */
    public static PluginJar plugin(String id) {
        return new PluginJar(id);
    }

    public PluginJar version(String newVersion) {
        version = newVersion;
        return this;
    }

    /**
     * A handler class {@code testplugins.<Name>} whose {@code handle} method has this body; {@code event} and
     * {@code context} are in scope, {@code dev.webwxbot.api.*}, {@code .event.*}, {@code .command.*} and
     * {@code .schedule.*} are imported, and {@code members} are extra fields and methods of the class.
     */
    public PluginJar handler(String className, String handleBody, String members) {
        handlers.put(className, """
                package testplugins;
                import dev.webwxbot.api.*;
                import dev.webwxbot.api.command.*;
                import dev.webwxbot.api.event.*;
                import dev.webwxbot.api.schedule.*;
                @org.pf4j.Extension
                public final class %s implements MessageHandler {
                    %s
                    public Outcome handle(BotEvent event, HandlerContext context) throws Exception {
                        %s
                    }
                }
                """.formatted(className, members, handleBody));
        return this;
    }

    public PluginJar referenceConf(String hocon) {
        referenceConf = hocon;
        return this;
    }

    /** Writes the jar to {@code dir/<file>} atomically (built next to it, then moved), as an operator would. */
    public Path writeTo(Path dir, String file) throws IOException {
        Path src = Files.createDirectories(Files.createTempDirectory("plugin-" + id).resolve("testplugins"));
        List<Path> sources = new ArrayList<>();
        for (Map.Entry<String, String> handler : handlers.entrySet()) {
            Path source = src.resolve(handler.getKey() + ".java");
            Files.writeString(source, handler.getValue());
            sources.add(source);
        }
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", version);
        manifest.put("Plugin-Provider", "tests");
        Map<String, byte[]> resources = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder();
        handlers.keySet().forEach(name -> index.append("testplugins.").append(name).append('\n'));
        resources.put("META-INF/extensions.idx", index.toString().getBytes(StandardCharsets.UTF_8));
        if (referenceConf != null) resources.put("reference.conf", referenceConf.getBytes(StandardCharsets.UTF_8));
        return pack(sources, false, manifest, resources, dir, file);
    }

    /**
     * Compiles {@code sources} against the plugin API and PF4J and writes a jar of the classes, {@code resources} and
     * the manifest entries to {@code dir/<file>} atomically. With {@code runPf4jProcessor} PF4J's annotation
     * processor writes {@code META-INF/extensions.idx}, as it does in a Maven build; otherwise the caller
     * supplies it.
     */
    public static Path pack(List<Path> sources, boolean runPf4jProcessor, Map<String, String> manifestEntries,
                            Map<String, byte[]> resources, Path dir, String file) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        String pf4j = classPathOf(PF4J);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(),
                "-cp", classPathOf(PLUGIN_API) + File.pathSeparator + pf4j));
        args.addAll(runPf4jProcessor ? List.of("-proc:full", "-processorpath", pf4j) : List.of("-proc:none"));
        sources.forEach(source -> args.add(source.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, System.err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test plugin sources " + sources + " do not compile");
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestEntries.forEach(main::putValue);
        Path temp = dir.resolve("." + file + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path compiled : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(compiled).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(compiled));
                    jar.closeEntry();
                }
            }
            for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                jar.putNextEntry(new JarEntry(resource.getKey()));
                jar.write(resource.getValue());
                jar.closeEntry();
            }
        }
        Path target = dir.resolve(file);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Where the test's class path holds {@code className}: the plugin API's and PF4J's jars (or class folders). */
    private static String classPathOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, PluginJar.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a plugin jar is compiled against " + className
                    + ", which is not on the test's class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
