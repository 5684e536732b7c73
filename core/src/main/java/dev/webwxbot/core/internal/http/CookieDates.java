package dev.webwxbot.core.internal.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The lenient cookie-date algorithm of RFC 6265 section 5.1.1, which accepts every format servers really send:
 * {@code Mon, 31-Dec-2018 11:12:21 GMT} (Web WeChat), RFC 1123, asctime. Thread-safe; its only state is a small
 * cache of recent results.
 */
final class CookieDates {

    private static final String[] MONTHS = {
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    /**
     * Every webwxsync answer refreshes five cookies with two distinct {@code Expires} texts that change once a second
     * (PROTOCOL.md 4.2), so a busy client reads the same few dates again and again, and reading them was half of its
     * cookie work (issue 20's profile). A power of two, so that a slot is a mask of the text's hash.
     */
    private static final int RECENT_SLOTS = 16;
    /** Longer texts are no date a server sends; they are read but not kept, so the cache stays small. */
    private static final int MAX_CACHED_LENGTH = 64;
    private static final AtomicReferenceArray<Recent> RECENT = new AtomicReferenceArray<>(RECENT_SLOTS);

    private CookieDates() {}

    /** The date, or empty when the text holds none RFC 6265 accepts. */
    static Optional<Instant> parse(String text) {
        if (text.length() > MAX_CACHED_LENGTH) {
            return read(text);
        }
        int slot = text.hashCode() & (RECENT_SLOTS - 1);
        Recent recent = RECENT.get(slot);
        if (recent != null && recent.text().equals(text)) {
            return recent.date();
        }
        Optional<Instant> date = read(text);
        RECENT.set(slot, new Recent(text, date)); // a lost race only replaces one correct entry by another
        return date;
    }

    /** One text and what it reads as; immutable, so a slot is safe to share between threads. */
    private record Recent(String text, Optional<Instant> date) {
    }

    private static Optional<Instant> read(String text) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int dayOfMonth = -1;
        int month = -1;
        int year = -1;
        for (String token : tokens(text)) {
            if (hour < 0 && parseTime(token) instanceof int[] time) {
                hour = time[0];
                minute = time[1];
                second = time[2];
            } else if (dayOfMonth < 0 && leadingDigits(token, 1, 2) >= 0) {
                dayOfMonth = leadingDigits(token, 1, 2);
            } else if (month < 0 && monthOf(token) >= 0) {
                month = monthOf(token);
            } else if (year < 0 && leadingDigits(token, 2, 4) >= 0) {
                year = leadingDigits(token, 2, 4);
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || dayOfMonth < 1 || dayOfMonth > 31 || month < 0 || year < 1601
                || hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month + 1, dayOfMonth, hour, minute, second)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty(); // 31 February and friends
        }
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean delimiter = i == text.length() || isDelimiter(text.charAt(i));
            if (delimiter && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            } else if (!delimiter && start < 0) {
                start = i;
            }
        }
        return tokens;
    }

    /** RFC 6265 delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                || (c >= 0x7B && c <= 0x7E);
    }

    /** {@code hh:mm:ss} with one or two digits each, possibly followed by non-digits. */
    private static int[] parseTime(String token) {
        String[] parts = token.split(":", -1);
        if (parts.length != 3) {
            return null;
        }
        int[] time = new int[3];
        for (int i = 0; i < 3; i++) {
            int value = i == 2 ? leadingDigits(parts[i], 1, 2) : exactDigits(parts[i], 1, 2);
            if (value < 0) {
                return null;
            }
            time[i] = value;
        }
        return time;
    }

    /** The value of {@code min..max} leading digits not followed by another digit, else -1. */
    private static int leadingDigits(String token, int min, int max) {
        int count = 0;
        while (count < token.length() && token.charAt(count) >= '0' && token.charAt(count) <= '9') {
            count++;
        }
        if (count < min || count > max) {
            return -1;
        }
        return Integer.parseInt(token.substring(0, count));
    }

    private static int exactDigits(String token, int min, int max) {
        int value = leadingDigits(token, min, max);
        return value >= 0 && token.length() <= max ? value : -1;
    }

    private static int monthOf(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
