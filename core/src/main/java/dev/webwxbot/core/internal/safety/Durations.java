package dev.webwxbot.core.internal.safety;

import java.time.Duration;

/** Durations in the words of log lines and explanations: {@code 10 minutes}, {@code 30 s}, {@code 1 h 30 min}. */
final class Durations {

    private Durations() {
    }

    static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) return seconds == 0 ? d.toMillis() + " ms" : seconds + " s";
        if (seconds % 3600 == 0) return plural(seconds / 3600, "hour");
        if (seconds % 60 == 0 && seconds < 3600) return plural(seconds / 60, "minute");
        long minutes = seconds / 60;
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min " + seconds % 60 + " s";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
