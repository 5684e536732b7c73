package dev.webwxbot.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A plugin's configuration: the operator's {@code plugins.<id>} block merged over the {@code reference.conf} the
 * plugin ships at the root of its jar. Read-only and immutable; paths are dotted as in HOCON ({@code "a.b"}).
 *
 * <p>Every getter throws {@link InvalidSettingsException} naming the full key when the value is missing or of the
 * wrong type, so a plugin can validate its block in {@link MessageHandler#configure} simply by reading it.
 */
public interface PluginSettings {

    /** Whether {@code path} is set (to anything but null). */
    boolean has(String path);

    /** The keys directly under this block. */
    Set<String> keys();

    String string(String path);

    int integer(String path);

    long number(String path);

    boolean bool(String path);

    /** A duration such as {@code 30s}, {@code 5 minutes} or a number of milliseconds. */
    Duration duration(String path);

    List<String> stringList(String path);

    /** The block at {@code path}. */
    PluginSettings section(String path);

    /** A list of blocks, such as a list of rules. */
    List<PluginSettings> sectionList(String path);

    /** The full key of {@code path} as the operator writes it, e.g. {@code plugins.auto-reply.rules.0.reply}. */
    String keyOf(String path);

    /**
     * An exception to throw for {@code path} with this problem, for checks the getters cannot make (a bad
     * regular expression, a negative count): {@code throw settings.invalid("cooldown", "must not be negative")}.
     */
    default InvalidSettingsException invalid(String path, String problem) {
        return new InvalidSettingsException(keyOf(path), problem);
    }
}
