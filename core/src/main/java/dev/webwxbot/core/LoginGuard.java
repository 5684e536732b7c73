package dev.webwxbot.core;

import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.core.internal.store.LoginRecordFile;
import dev.webwxbot.core.internal.store.LoginRecordFile.Entry;
import dev.webwxbot.core.internal.store.LoginRecordFile.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login-churn guard: asked before every login, it lets it go ahead or holds it back, so that a daemon restarted
 * in a loop (systemd's {@code Restart=on-failure}), a session kicked out again and again, or a watchdog's re-login
 * cannot hammer the login endpoints until the account is frozen. Every attempt and its outcome is recorded with its
 * time in a small file of the account's folder ({@link LoginRecordFile}), so a restarted daemon reads the same record.
 *
 * <p>The rules ({@link LoginGuardSettings}), checked in this order:
 * <ol>
 *   <li>once it waits for the operator, nothing logs in until {@link #reset()};
 *   <li>after {@code giveUpAfter} failed or held logins in a row (since the last that came online, or the last reset)
 *       it stops and waits for the operator;
 *   <li>after {@code k} failed fresh logins in a row, the next waits {@code backoffBase × 2^(k-1)} (capped);
 *   <li>at most {@code maxFreshLogins} fresh logins (push or QR; a start's push-then-QR counts once) and
 *       {@code maxResumes} resumes per {@code window}; the next waits until the oldest leaves the window.
 * </ol>
 * A resume counts less: it has its own, looser ceiling, and a resume that fails (the server dropped the session) is
 * no strike, since it is what every start after a lost session does first. A login whose process died before its
 * outcome was written counts as failed.
 *
 * <p>{@code SessionEngine} asks it on every start, whatever started it (the daemon's start, the API's login, a
 * scheduled retry, a watchdog's re-login through {@code Account.login()}), so no path logs in around it.
 * Thread-safe: decisions are serialised and each reads the file anew, so a reset written by another process (the
 * {@code login-guard reset} command) counts at the next login.
 */
public final class LoginGuard {

    /** The record's file name in the account's folder. */
    public static final String FILE = "login-guard.json";
    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);

    /** What is about to log in. */
    public enum Kind { RESUME, FRESH }

    /** How an admitted login ended. */
    public enum Outcome { ONLINE, FAILED, CANCELLED }

    /** The guard's answer. */
    public sealed interface Admission permits Admitted, Held {
    }

    /** Go ahead; report the outcome with {@link #finished}. */
    public record Admitted(long id, Kind kind) implements Admission {
    }

    /** Held back: the event says why, until when, and what the operator can do. */
    public record Held(LoginHeld event) implements Admission {
    }

    /**
     * What the record says now.
     *
     * @param freshLogins fresh logins in the window
     * @param resumes resumes in the window
     * @param strikes failed or held logins in a row
     * @param recent the record's entries in the window, oldest first, as lines ({@code 10:01:02Z fresh: ONLINE})
     */
    public record Status(boolean enabled, Duration window, int freshLogins, int maxFreshLogins, int resumes,
                         int maxResumes, int strikes, int giveUpAfter, boolean waitsForOperator, List<String> recent) {
    }

    private final LoginRecordFile file; // null when off
    private final LoginGuardSettings settings;
    private final Clock clock;
    private final String resetHint;
    /**
     * One lock for every guard of the process (several may be made on one record file: each login's, the API's, a
     * command's), so a decision reads, decides and writes whole. Logins are rare and a decision takes milliseconds:
     * one lock costs nothing per account.
     */
    private static final ReentrantLock LOCK = new ReentrantLock();
    private final ReentrantLock lock = LOCK;

    private LoginGuard(LoginRecordFile file, LoginGuardSettings settings, Clock clock, String resetHint) {
        this.file = file;
        this.settings = settings;
        this.clock = clock;
        this.resetHint = resetHint;
    }

    /**
     * A guard keeping its record in {@code file}.
     *
     * @param resetHint how the operator resets it, for the explanation ({@code "run webwx-bot login-guard reset"})
     */
    public static LoginGuard open(Path file, LoginGuardSettings settings, Clock clock, String resetHint) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(resetHint, "resetHint");
        return new LoginGuard(new LoginRecordFile(file), settings, clock, resetHint);
    }

    /** A guard that lets every login go ahead and records nothing. */
    public static LoginGuard off() {
        return new LoginGuard(null, LoginGuardSettings.off(), Clock.systemUTC(), "");
    }

    public boolean enabled() {
        return file != null && settings.enabled();
    }

    public LoginGuardSettings settings() {
        return settings;
    }

    /**
     * Decides whether a login of {@code kind} may start now, and records the decision. Reads and writes a small
     * file (forced to disk): call it off the event loop.
     */
    public Admission admit(Kind kind) {
        if (!enabled()) return new Admitted(0, kind);
        lock.lock();
        try {
            Instant now = clock.instant();
            Record record = file.load();
            LoginTally tally = LoginTally.of(record, settings, now);
            if (record.waitsForOperatorSince().isPresent()) {
                return held(tally.fresh().size(), Optional.empty(), now,
                        LoginWords.waiting(tally, record.waitsForOperatorSince().get(), resetHint));
            }
            if (tally.strikes() >= settings.giveUpAfter()) {
                save(record.waitingSince(Optional.of(now)));
                return held(tally.fresh().size(), Optional.empty(), now, LoginWords.gaveUp(tally, settings, resetHint));
            }
            Optional<Instant> retryAt = tally.retryAt(kind);
            if (retryAt.isPresent()) {
                Record next = record.with(new Entry(record.nextId(), now, LoginRecordFile.Kind.HELD,
                        LoginRecordFile.Outcome.NONE));
                if (tally.strikes() + 1 >= settings.giveUpAfter()) {
                    save(next.waitingSince(Optional.of(now)));
                    LoginTally after = LoginTally.of(next, settings, now);
                    return held(after.fresh().size(), Optional.empty(), now, LoginWords.gaveUp(after, settings, resetHint));
                }
                save(next);
                return held(kind == Kind.RESUME ? tally.resumes().size() : tally.fresh().size(), retryAt, now,
                        LoginWords.backingOff(kind, tally, settings, retryAt.get(), resetHint));
            }
            long id = record.nextId();
            save(record.with(new Entry(id, now, kind == Kind.RESUME ? LoginRecordFile.Kind.RESUME
                    : LoginRecordFile.Kind.FRESH, LoginRecordFile.Outcome.PENDING)));
            return new Admitted(id, kind);
        } finally {
            lock.unlock();
        }
    }

    /** Records how an admitted login ended. Writes a small file: call it off the event loop. */
    public void finished(Admitted admitted, Outcome outcome) {
        if (!enabled()) return;
        lock.lock();
        try {
            Record record = file.load();
            LoginRecordFile.Outcome written = LoginRecordFile.Outcome.valueOf(outcome.name());
            record.entries().stream().filter(e -> e.id() == admitted.id()).findFirst()
                    .ifPresent(entry -> save(record.replacing(entry.withOutcome(written))));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The operator's override: forgets the strikes, the window's logins and the wait for the operator, so the next
     * login goes ahead. The entries stay in the record (bounded) for {@link #status()}.
     */
    public Status reset() {
        if (!enabled()) return status();
        lock.lock();
        try {
            Record record = file.load();
            save(record.with(new Entry(record.nextId(), clock.instant(), LoginRecordFile.Kind.RESET,
                    LoginRecordFile.Outcome.NONE)).waitingSince(Optional.empty()));
            log.info("login guard reset by the operator ({}): the next login goes ahead", file.file());
            return status();
        } finally {
            lock.unlock();
        }
    }

    /** What the record says now. */
    public Status status() {
        if (!enabled()) {
            return new Status(false, settings.window(), 0, settings.maxFreshLogins(), 0, settings.maxResumes(), 0,
                    settings.giveUpAfter(), false, List.of());
        }
        lock.lock();
        try {
            Instant now = clock.instant();
            Record record = file.load();
            LoginTally tally = LoginTally.of(record, settings, now);
            return new Status(true, settings.window(), tally.fresh().size(), settings.maxFreshLogins(),
                    tally.resumes().size(), settings.maxResumes(), tally.strikes(), settings.giveUpAfter(),
                    record.waitsForOperatorSince().isPresent(), tally.inWindow().stream().map(LoginWords::line).toList());
        } finally {
            lock.unlock();
        }
    }

    /** @param logins the logins the window holds of the kind that was held (fresh ones, or resumes) */
    private Held held(int logins, Optional<Instant> retryAt, Instant now, String explanation) {
        return new Held(new LoginHeld(logins, settings.window(), retryAt, explanation, now));
    }

    private void save(Record record) {
        try {
            file.save(record);
        } catch (IOException e) {
            // The decision stands; only the memory of it across a restart is lost.
            log.warn("the login record {} cannot be written: {}", file.file(), e.toString());
        }
    }
}
