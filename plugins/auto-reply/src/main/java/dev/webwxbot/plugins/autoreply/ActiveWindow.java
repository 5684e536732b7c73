package dev.webwxbot.plugins.autoreply;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a rule is in force: hour ranges (start inclusive, end exclusive, a range may run past midnight) on some days
 * of the week, in a time zone. The day is the day of the moment being checked, so {@code 22:00-07:00} on
 * {@code [fri]} covers Friday 22:00–24:00 and Friday 00:00–07:00. Immutable and thread-safe.
 */
record ActiveWindow(List<HourRange> hours, Set<DayOfWeek> days, ZoneId zone) {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    ActiveWindow {
        hours = List.copyOf(hours);
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (!days.contains(local.getDayOfWeek())) return false;
        LocalTime time = local.toLocalTime();
        return hours.stream().anyMatch(range -> range.contains(time));
    }

    /** One daily range; {@code end} of {@code null} means midnight at the end of the day ({@code 24:00}). */
    record HourRange(LocalTime start, LocalTime end) {
        boolean contains(LocalTime time) {
            if (end == null) return !time.isBefore(start);
            if (start.isBefore(end)) return !time.isBefore(start) && time.isBefore(end);
            return !time.isBefore(start) || time.isBefore(end);
        }
    }

    /**
     * Parses {@code "09:00-12:00, 14:00-18:00"}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    static List<HourRange> parseHours(String text) {
        List<HourRange> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = RANGE.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a range like \"09:00-18:00\"");
            }
            LocalTime start = time(m.group(1), m.group(2), false, part);
            LocalTime end = time(m.group(3), m.group(4), true, part);
            if (start.equals(end)) {
                throw new IllegalArgumentException("'" + part.strip() + "' is empty; use \"00:00-24:00\" for all day");
            }
            ranges.add(new HourRange(start, end));
        }
        return ranges;
    }

    private static LocalTime time(String hour, String minute, boolean mayBeMidnightAtEnd, String part) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (mayBeMidnightAtEnd && h == 24 && m == 0) return null;
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("'" + part.strip() + "' has no such time " + hour + ":" + minute);
        }
        return LocalTime.of(h, m);
    }

    /**
     * Parses day names ({@code mon} or {@code monday}, any case) and ranges ({@code mon-fri}, which may wrap:
     * {@code fri-mon}).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static Set<DayOfWeek> parseDays(List<String> entries) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String entry : entries) {
            String[] ends = entry.strip().split("\\s*-\\s*", -1);
            if (ends.length == 1) {
                days.add(day(ends[0], entry));
            } else if (ends.length == 2) {
                DayOfWeek from = day(ends[0], entry);
                DayOfWeek to = day(ends[1], entry);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) break;
                }
            } else {
                throw new IllegalArgumentException("'" + entry + "' is not a day or a range like mon-fri");
            }
        }
        return days;
    }

    private static DayOfWeek day(String name, String entry) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (lower.equals(full) || lower.equals(full.substring(0, 3))) return day;
        }
        throw new IllegalArgumentException("'" + entry + "' is not a day of the week (mon, tue, wed, thu, fri, sat, sun)");
    }
}
