package dev.webwxbot.core.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Response headers as received: an ordered multimap whose names compare case-insensitively. Immutable and
 * therefore thread-safe.
 */
public final class HttpHeaderList {

    private static final HttpHeaderList EMPTY = new HttpHeaderList(List.of());

    private final List<Map.Entry<String, String>> entries;

    private HttpHeaderList(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    /** A copy of {@code entries}, in their order (a list, or Netty's headers as they are). */
    public static HttpHeaderList of(Iterable<? extends Map.Entry<String, String>> entries) {
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            copy.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return copy.isEmpty() ? EMPTY : new HttpHeaderList(List.copyOf(copy));
    }

    public static HttpHeaderList empty() {
        return EMPTY;
    }

    /** The first value of {@code name}, if any. */
    public Optional<String> first(String name) {
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name}, in the order received (several {@code Set-Cookie} lines, for instance). */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                values.add(entry.getValue());
            }
        }
        return List.copyOf(values);
    }

    /** All headers in the order received; the list and its entries are immutable. */
    public List<Map.Entry<String, String>> asList() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaderList list && entries.equals(list.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    /** Names only: cookie values must not end up in logs. */
    @Override
    public String toString() {
        return "HttpHeaderList" + entries.stream().map(Map.Entry::getKey).toList();
    }
}
