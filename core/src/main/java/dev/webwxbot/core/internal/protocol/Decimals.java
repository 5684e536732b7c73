package dev.webwxbot.core.internal.protocol;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decimal numbers from the server's script and XML answers, where a regex's {@code \d+} still lets through a value
 * too big for its type: empty instead of a {@link NumberFormatException}, so each reader can say what was wrong.
 */
final class Decimals {

    private Decimals() {
    }

    static OptionalInt parseInt(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
