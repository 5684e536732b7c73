package dev.webwxbot.api;

/**
 * A person's gender as their profile states it: the protocol's {@code Sex} / {@code sex} (0 not stated, 1 male,
 * 2 female). Any other number is {@link #UNKNOWN}, never an error.
 */
public enum Gender {
    /** Not stated, or a number this version does not know. */
    UNKNOWN,
    MALE,
    FEMALE;

    /** The gender of the protocol's number. */
    public static Gender ofCode(int code) {
        return switch (code) {
            case 1 -> MALE;
            case 2 -> FEMALE;
            default -> UNKNOWN;
        };
    }
}
