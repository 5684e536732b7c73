package dev.webwxbot.plugins.autoreply;

import java.util.List;
import java.util.Locale;

/**
 * Checks a Unix cron expression (the five fields the host's scheduler reads, {@code dev.webwxbot.api.schedule.Schedule})
 * when the rules load, so that a mistake is reported with its file and line rather than when the job is scheduled.
 * The host parses it again when it schedules the job; this check only knows the plain syntax (numbers, {@code *},
 * ranges, steps, lists, month and day names). Stateless.
 */
final class CronCheck {

    private record Field(String name, int min, int max, List<String> names) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                    "NOV", "DEC")),
            new Field("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

    private CronCheck() {
    }

    /**
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    static void check(String expression) {
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != FIELDS.size()) {
            throw new IllegalArgumentException("'" + expression + "' has " + fields.length + " field(s); a cron"
                    + " expression has five: minute hour day-of-month month day-of-week, e.g. \"0 9 * * MON-FRI\"");
        }
        for (int i = 0; i < fields.length; i++) {
            Field field = FIELDS.get(i);
            for (String part : fields[i].split(",", -1)) {
                checkPart(part, field);
            }
        }
    }

    private static void checkPart(String part, Field field) {
        String[] stepped = part.split("/", -1);
        if (stepped.length > 2) throw bad(part, field, "has more than one /");
        if (stepped.length == 2) {
            int step = number(stepped[1], field, part, false);
            if (step < 1) throw bad(part, field, "has a step below 1");
        }
        String range = stepped[0];
        if (range.equals("*")) return;
        String[] ends = range.split("-", -1);
        if (ends.length > 2) throw bad(part, field, "is not a value or a range like 1-5");
        int from = number(ends[0], field, part, true);
        if (ends.length == 2 && number(ends[1], field, part, true) < from) {
            throw bad(part, field, "is a range that ends before it starts");
        }
    }

    private static int number(String text, Field field, String part, boolean inRange) {
        int index = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0 && inRange) return field.min() + index;
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(part, field, "'" + text + "' is not a number" + (field.names().isEmpty() ? ""
                    : " or one of " + String.join(", ", field.names())));
        }
        if (inRange && (value < field.min() || value > field.max())) {
            throw bad(part, field, value + " is outside " + field.min() + "-" + field.max());
        }
        return value;
    }

    private static IllegalArgumentException bad(String part, Field field, String why) {
        return new IllegalArgumentException("the " + field.name() + " field '" + part + "': " + why);
    }
}
