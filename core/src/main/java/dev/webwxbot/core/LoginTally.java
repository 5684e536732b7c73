package dev.webwxbot.core;

import dev.webwxbot.core.internal.store.LoginRecordFile.Entry;
import dev.webwxbot.core.internal.store.LoginRecordFile.Kind;
import dev.webwxbot.core.internal.store.LoginRecordFile.Outcome;
import dev.webwxbot.core.internal.store.LoginRecordFile.Record;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a login record means at one instant: the window's logins and the strikes in a row. Immutable.
 *
 * @param inWindow the entries since the last reset that lie in the window
 * @param fresh the fresh logins among them
 * @param resumes the resumes among them
 * @param failures the fresh logins that failed (or whose process died) since the last login that came online or
 *     the last reset
 * @param strikes those failures plus the holds in the same stretch
 */
record LoginTally(LoginGuardSettings settings, Instant now, List<Entry> inWindow, List<Entry> fresh,
                  List<Entry> resumes, List<Entry> failures, int strikes) {

    static LoginTally of(Record record, LoginGuardSettings settings, Instant now) {
        List<Entry> entries = record.entries();
        int lastReset = -1;
        int lastGood = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).kind() == Kind.RESET) lastReset = i;
            if (entries.get(i).kind() == Kind.RESET || entries.get(i).outcome() == Outcome.ONLINE) lastGood = i;
        }
        Instant from = now.minus(settings.window());
        List<Entry> inWindow = entries.subList(lastReset + 1, entries.size()).stream()
                .filter(e -> e.at().isAfter(from)).toList();
        List<Entry> streak = entries.subList(lastGood + 1, entries.size());
        List<Entry> failures = streak.stream().filter(e -> e.kind() == Kind.FRESH
                && (e.outcome() == Outcome.FAILED || e.outcome() == Outcome.PENDING)).toList();
        int holds = (int) streak.stream().filter(e -> e.kind() == Kind.HELD).count();
        return new LoginTally(settings, now, inWindow,
                inWindow.stream().filter(e -> e.kind() == Kind.FRESH).toList(),
                inWindow.stream().filter(e -> e.kind() == Kind.RESUME).toList(),
                failures, failures.size() + holds);
    }

    /** When a login of {@code kind} may start, if not now. */
    Optional<Instant> retryAt(LoginGuard.Kind kind) {
        Instant at = null;
        if (kind == LoginGuard.Kind.FRESH) {
            at = later(at, backoffEnd().filter(now::isBefore).orElse(null));
            at = later(at, roomAt(fresh, settings.maxFreshLogins()).orElse(null));
        } else {
            at = later(at, roomAt(resumes, settings.maxResumes()).orElse(null));
        }
        return Optional.ofNullable(at);
    }

    /** When the wait after the failures in a row ends; empty without failures. */
    Optional<Instant> backoffEnd() {
        if (failures.isEmpty()) return Optional.empty();
        return Optional.of(failures.getLast().at().plus(backoff(failures.size())));
    }

    /** The wait after {@code failed} failures in a row: base × 2^(failed-1), capped. */
    Duration backoff(int failed) {
        Duration wait = settings.backoffBase();
        for (int i = 1; i < failed && wait.compareTo(settings.backoffCap()) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(settings.backoffCap()) > 0 ? settings.backoffCap() : wait;
    }

    /** When the window has room for one more of {@code logins}, if it has none now. */
    Optional<Instant> roomAt(List<Entry> logins, int max) {
        if (logins.size() < max) return Optional.empty();
        return Optional.of(logins.get(logins.size() - max).at().plus(settings.window()));
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }
}
