package dev.webwxbot.launcher.scaffold;

import dev.webwxbot.safeoutput.TerminalText;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The names a new plugin project is made of, all derived from the plugin id and checked up front so a mistake is
 * reported in plain words before anything is written.
 *
 * @param id the plugin id: PF4J's Plugin-Id and the name of the configuration block {@code plugins.<id>}
 * @param groupId the Maven groupId
 * @param artifactId the Maven artifactId, {@code <id>-plugin}
 * @param javaPackage the handler's package
 * @param className the handler's simple class name, e.g. {@code WeatherReportHandler}
 */
record PluginName(String id, String groupId, String artifactId, String javaPackage, String className) {

    static final String DEFAULT_GROUP = "com.example";
    static final int MAX_LENGTH = 40;
    /** Ids of the plugins that ship with the bot: PF4J refuses a second plugin with the same id. */
    static final Set<String> BUNDLED = Set.of("echo", "auto-reply");

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final String WHAT_AN_ID_IS = "A plugin name is lower-case letters, digits and single hyphens,"
            + " starting with a letter (e.g. ping, weather-report); it is also the plugin's configuration block"
            + " plugins.<name>.";

    /**
     * The names of plugin {@code id}.
     *
     * @param group the groupId, or null for {@value #DEFAULT_GROUP}
     * @param javaPackage the handler's package, or null for the groupId followed by the id without hyphens
     * @throws IllegalArgumentException saying what is wrong with a name and what a good one looks like
     */
    static PluginName of(String id, String group, String javaPackage) {
        checkId(id);
        String groupId = group != null ? group : DEFAULT_GROUP;
        if (!GROUP.matcher(groupId).matches()) {
            throw new IllegalArgumentException("'" + TerminalText.clean(groupId) + "' is not a Maven group id: use"
                    + " letters, digits, '-' and '_' in parts separated by dots, e.g. org.example");
        }
        String pkg = javaPackage != null ? javaPackage
                : groupId.toLowerCase(Locale.ROOT).replace('-', '_') + "." + id.replace("-", "");
        if (!SourceVersion.isName(pkg)) {
            throw new IllegalArgumentException("'" + TerminalText.clean(pkg) + "' is not a Java package name (each"
                    + " part a Java identifier that is not a keyword, e.g. org.example.ping)"
                    + (javaPackage == null ? "; give one with --package" : ""));
        }
        return new PluginName(id, groupId, id + "-plugin", pkg, className(id));
    }

    /** The package as a relative path, {@code org/example/ping}. */
    String packagePath() {
        return javaPackage.replace('.', '/');
    }

    private static void checkId(String id) {
        String problem = problemWith(id);
        if (problem != null) {
            throw new IllegalArgumentException("'" + TerminalText.clean(id) + "' is not a valid plugin name: "
                    + problem + ". " + WHAT_AN_ID_IS);
        }
        if (BUNDLED.contains(id)) {
            throw new IllegalArgumentException("'" + id + "' is the name of a plugin that comes with webwx-bot, and the"
                    + " bot loads only one plugin of a name; choose another name");
        }
    }

    private static String problemWith(String id) {
        if (id.isEmpty()) return "it is empty";
        if (id.length() > MAX_LENGTH) return "it is longer than " + MAX_LENGTH + " characters";
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return "it contains " + (c == ' ' ? "a space" : c == '.' ? "a dot"
                        : Character.isISOControl(c) ? String.format("the control character U+%04X", (int) c)
                        : "'" + c + "'");
            }
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (!id.equals(lower)) {
            return "it has capital letters" + (ID.matcher(lower).matches() ? " (try '" + lower + "')" : "");
        }
        if (id.charAt(0) < 'a' || id.charAt(0) > 'z') return "it does not start with a letter";
        if (id.endsWith("-")) return "it ends with a hyphen";
        if (id.contains("--")) return "it has two hyphens in a row";
        return ID.matcher(id).matches() ? null : "it is not lower-case letters, digits and single hyphens";
    }

    private static String className(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.append("Handler").toString();
    }
}
