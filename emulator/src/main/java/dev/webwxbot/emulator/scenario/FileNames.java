package dev.webwxbot.emulator.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The names scenario files use for the records of {@link Action} and {@link MessageSpec}: the record's simple name in
 * kebab case ({@code MiniProgram} is {@code mini-program}), so renaming a record renames its file value.
 */
final class FileNames {
    private FileNames() {
    }

    static String of(Class<?> type) {
        return type.getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }

    /** The names of every permitted subclass of {@code sealed}, in declaration order. */
    static List<String> ofPermitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(FileNames::of).toList();
    }
}
