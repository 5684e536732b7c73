package dev.webwxbot.plugins.autoreply;

import java.util.List;
import java.util.Map;

/**
 * What a regular expression captured: {@code numbered.get(0)} is the whole match, then each group; a group that
 * took no part in the match is {@code ""}. Keyword and exact rules capture nothing. Immutable.
 */
record Captures(List<String> numbered, Map<String, String> named) {

    static final Captures NONE = new Captures(List.of(), Map.of());

    Captures {
        numbered = List.copyOf(numbered);
        named = Map.copyOf(named);
    }
}
