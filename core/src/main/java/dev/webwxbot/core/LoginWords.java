package dev.webwxbot.core;

import dev.webwxbot.core.internal.store.LoginRecordFile.Entry;
import dev.webwxbot.core.internal.store.LoginRecordFile.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** The login guard's explanations, in plain words: what happened, how many logins when, and what to do. Stateless. */
final class LoginWords {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String KEY = "webwx-bot.safety.login-guard";

    private LoginWords() {
    }

    static String backingOff(LoginGuard.Kind kind, LoginTally tally, LoginGuardSettings settings, Instant retryAt,
                             String resetHint) {
        StringBuilder why = new StringBuilder("Login held back by the login guard: ");
        boolean ceiling = kind == LoginGuard.Kind.FRESH
                ? tally.fresh().size() >= settings.maxFreshLogins()
                : tally.resumes().size() >= settings.maxResumes();
        if (ceiling && kind == LoginGuard.Kind.FRESH) {
            why.append(plural(tally.fresh().size(), "fresh login")).append(" (QR code or push) in the last ")
                    .append(duration(settings.window())).append(" (at ").append(times(tally.fresh()))
                    .append("), the most it allows (").append(KEY).append(".max-fresh-logins = ")
                    .append(settings.maxFreshLogins()).append("); logging in this often risks the account being frozen.");
        } else if (ceiling) {
            why.append(plural(tally.resumes().size(), "resume")).append(" of the saved session in the last ")
                    .append(duration(settings.window())).append(" (at ").append(times(tally.resumes()))
                    .append("), the most it allows (").append(KEY).append(".max-resumes = ")
                    .append(settings.maxResumes()).append("); the bot seems to be restarted in a loop.");
        }
        if (kind == LoginGuard.Kind.FRESH && !tally.failures().isEmpty()) {
            if (ceiling) why.append(" Also: ");
            why.append("the last ").append(plural(tally.failures().size(), "fresh login")).append(" failed in a row (at ")
                    .append(times(tally.failures())).append("), so it waits ")
                    .append(duration(tally.backoff(tally.failures().size()))).append(" after the last before trying again.");
        }
        return why.append(" The next login may start at ").append(WHEN.format(retryAt))
                .append(" and the bot tries again then by itself; to allow it now: ").append(resetHint).append('.')
                .toString();
    }

    static String gaveUp(LoginTally tally, LoginGuardSettings settings, String resetHint) {
        return "Login stopped by the login guard: " + plural(tally.strikes(), "login")
                + " in a row failed or were held back since the last one that came online (fresh logins in the last "
                + duration(settings.window()) + ": " + (tally.fresh().isEmpty() ? "none" : times(tally.fresh()))
                + "; " + KEY + ".give-up-after = " + settings.giveUpAfter() + "), so it stopped trying and waits for"
                + " the operator instead of hammering the login endpoints. Check the account on the phone and the log,"
                + " then: " + resetHint + ".";
    }

    static String waiting(LoginTally tally, Instant since, String resetHint) {
        return "Login held back by the login guard: it has waited for the operator since " + WHEN.format(since)
                + " (" + plural(tally.strikes(), "login") + " in a row failed or were held back); nothing logs in"
                + " until it is reset: " + resetHint + ".";
    }

    /** One entry as the status shows it: {@code 10:01:02Z fresh: ONLINE}. */
    static String line(Entry entry) {
        String what = switch (entry.kind()) {
            case FRESH -> "fresh login: " + entry.outcome();
            case RESUME -> "resume: " + entry.outcome();
            case HELD -> "held back";
            case RESET -> "reset";
        };
        return WHEN.format(entry.at()) + " " + what;
    }

    private static String times(List<Entry> entries) {
        return entries.stream().filter(e -> e.kind() != Kind.HELD).map(e -> TIME.format(e.at()))
                .collect(Collectors.joining(", "));
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String duration(Duration d) {
        if (d.toSeconds() % 3600 == 0) return plural((int) d.toHours(), "hour");
        if (d.toSeconds() % 60 == 0) return plural((int) d.toMinutes(), "minute");
        return plural((int) d.toSeconds(), "second");
    }
}
