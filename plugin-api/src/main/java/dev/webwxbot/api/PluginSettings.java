package dev.webwxbot.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's configuration: the operator's {@code plugins.<id>} block merged over the {@code reference.conf} the
 * plugin ships at the root of its jar. Read-only and immutable; paths are dotted as in HOCON ({@code "a.b"}).
 *
 * <p>Every getter throws {@link InvalidSettingsException} naming the full key (and the file and line it was set in)
 * when the value is missing or of the wrong type, so a plugin can validate its block in
 * {@link MessageHandler#configure} simply by reading it. {@link #unknownKeys} finds the keys the plugin does not
 * know, with a "did you mean" suggestion, so a typo is an error instead of a setting silently ignored:
 *
 * <pre>{@code
 * List<InvalidSettingsException> unknown = settings.unknownKeys(List.of("answer", "cooldown"));
 * if (!unknown.isEmpty()) throw unknown.getFirst();   // plugins.ping.answr: unknown key; did you mean answer?
 * }</pre>
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
     * Where the operator set {@code path}: the file and line, such as {@code config/auto-reply.conf:12}. Empty when
     * unknown: a default, a value given in code or on the command line, a block merged from several places.
     */
    default Optional<String> origin(String path) {
        return Optional.empty();
    }

    /** Where this block itself starts (for a block of a {@link #sectionList}, the line of its {@code {}); see {@link #origin(String)}. */
    default Optional<String> origin() {
        return Optional.empty();
    }

    /**
     * An exception to throw for {@code path} with this problem, for checks the getters cannot make (a bad
     * regular expression, a negative count): {@code throw settings.invalid("cooldown", "must not be negative")}.
     * It names the file and line {@code path} was set in, when known.
     */
    default InvalidSettingsException invalid(String path, String problem) {
        return new InvalidSettingsException(keyOf(path), problem, origin(path));
    }

    /**
     * One error for each key directly under this block that is not in {@code known}, in the order of {@link #keys()}, each
     * naming its file and line and suggesting the known key it is probably a typo of ({@code unknown key; did you
     * mean reply?}), or else listing the known keys. Empty when every key is known.
     */
    default List<InvalidSettingsException> unknownKeys(Collection<String> known) {
        List<InvalidSettingsException> unknown = new ArrayList<>();
        for (String key : keys()) {
            if (!known.contains(key)) unknown.add(invalid(key, DidYouMean.unknownKey(key, known)));
        }
        return List.copyOf(unknown);
    }
}
