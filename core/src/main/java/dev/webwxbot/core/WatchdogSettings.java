package dev.webwxbot.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The zombie-session watchdog: what makes it think a session that synccheck keeps alive has stopped delivering, and
 * how it checks and recovers. Immutable; start from {@link #defaults()} or {@link #OFF}.
 *
 * <p>Symptoms (each a {@code SessionStalled.Symptom}):
 * <ul>
 *   <li>silence: no message for at least {@code quietLimit} while, on the account's own recent days, the same last
 *       {@code quietLimit} of the day brought on average at least {@code expectedMessages} messages (learnt over
 *       {@code learningDays}; the rule says nothing until a whole day of traffic was seen). Reported as {@code SELECTOR_ALWAYS_ZERO} when
 *       every synccheck of the silence answered "nothing new", else as {@code NO_MESSAGES};</li>
 *   <li>{@code SYNC_KEY_FROZEN}: for at least {@code frozenKeyLimit} (and three rounds), every webwxsync after a
 *       synccheck that announced news brought nothing and left the SyncKey where it was;</li>
 *   <li>{@code ECHOES_MISSING}: at least {@code missingEchoes} sends answered with a MsgID have had no echo through
 *       sync for {@code echoWait}, in a session that has seen echoes of its sends before (PROTOCOL.md 9.7: not every
 *       account echoes).</li>
 * </ul>
 * Then a probe ({@code probeText} to the file helper) must come back through sync within {@code probeTimeout}; if
 * not, webwxinit again, probe again, and if that fails too a fresh login through the session's login path.
 *
 * @param enabled off: no timer, nothing observed, nothing done
 * @param checkInterval how often the check runs
 * @param quietLimit the shortest silence the silence rule considers
 * @param expectedMessages how many messages an ordinary recent day brought in the same stretch of the day, at least,
 *     for a silence to count
 * @param learningDays how many past days the silence rule learns from (1 to 28)
 * @param frozenKeyLimit how long fruitless syncs after announced news may go on
 * @param echoWait how long a sent message's echo may take
 * @param missingEchoes how many sends without an echo make a symptom
 * @param probeText the probe's text (to {@code filehelper}); never handed to plugins when it comes back
 * @param probeTimeout how long the probe's echo may take
 */
public record WatchdogSettings(boolean enabled, Duration checkInterval, Duration quietLimit, int expectedMessages,
                               int learningDays, Duration frozenKeyLimit, Duration echoWait, int missingEchoes,
                               String probeText, Duration probeTimeout) {

    /** The most days the silence rule learns from. */
    public static final int MOST_LEARNING_DAYS = 28;

    /** No watchdog. */
    public static final WatchdogSettings OFF = defaults().withEnabled(false);

    public WatchdogSettings {
        positive(checkInterval, "checkInterval");
        positive(quietLimit, "quietLimit");
        positive(frozenKeyLimit, "frozenKeyLimit");
        positive(echoWait, "echoWait");
        positive(probeTimeout, "probeTimeout");
        if (expectedMessages < 1) throw new IllegalArgumentException("expectedMessages must be at least 1");
        if (learningDays < 1 || learningDays > MOST_LEARNING_DAYS) {
            throw new IllegalArgumentException("learningDays must be 1 to " + MOST_LEARNING_DAYS + ", was " + learningDays);
        }
        if (missingEchoes < 1) throw new IllegalArgumentException("missingEchoes must be at least 1");
        Objects.requireNonNull(probeText, "probeText");
        if (probeText.isBlank()) throw new IllegalArgumentException("probeText must not be blank");
    }

    /**
     * On; checks every minute; a silence of 30 min counts when an ordinary day of the last 7 brought at least 10
     * messages in that stretch; fruitless syncs for 2 min; 3 sends without an echo for 2 min; the probe has 1 min.
     */
    public static WatchdogSettings defaults() {
        return new WatchdogSettings(true, Duration.ofMinutes(1), Duration.ofMinutes(30), 10, 7,
                Duration.ofMinutes(2), Duration.ofMinutes(2), 3, "webwx-bot: checking that messages still arrive",
                Duration.ofMinutes(1));
    }

    public WatchdogSettings withEnabled(boolean on) {
        return new WatchdogSettings(on, checkInterval, quietLimit, expectedMessages, learningDays, frozenKeyLimit,
                echoWait, missingEchoes, probeText, probeTimeout);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
