package dev.webwxbot.core.internal.session;

import dev.webwxbot.api.event.SessionStalled.Symptom;
import dev.webwxbot.core.WatchdogSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the watchdog has seen of one session's receiving and sending, and its verdict: the symptoms of
 * {@link WatchdogSettings}. Not thread-safe: the watchdog guards it.
 */
final class StallSigns {

    /** Sends remembered while their echo is awaited; older ones are dropped (a symptom needs only a few). */
    private static final int UNECHOED_KEPT = 64;
    /** Fruitless rounds in a row before a frozen key counts, whatever the time (one empty sync is normal). */
    private static final int FRUITLESS_ROUNDS = 3;

    /** A symptom found, in plain words. */
    record Finding(Symptom symptom, Instant lastDelivery, String explanation) {
    }

    private final WatchdogSettings settings;
    private final ActivityHistory history;
    private Instant lastDelivery;
    /** The last synccheck that announced news (a non-zero selector), or null. */
    private Instant lastNews;
    private Instant fruitlessSince;
    private int fruitlessRounds;
    /** MsgIds of answered sends whose echo has not come, with when they were answered. */
    private final Map<String, Instant> unechoed = new LinkedHashMap<>();
    /** Whether any send of this session came back through sync: only then are missing echoes a symptom. */
    private boolean echoesSeen;
    /** The account's own messages seen lately: an echo may come through sync before its send's answer is read. */
    private final java.util.SequencedSet<String> ownSeen = new java.util.LinkedHashSet<>();

    StallSigns(WatchdogSettings settings, Instant now) {
        this.settings = settings;
        this.history = new ActivityHistory(settings.learningDays(), now);
        this.lastDelivery = now;
    }

    /** {@code count} messages were taken in. */
    void delivered(Instant now, int count) {
        if (count <= 0) return;
        lastDelivery = now;
        for (int i = 0; i < count; i++) history.record(now);
    }

    /** A synccheck answered {@code selector} (retcode 0). */
    void polled(Instant now, int selector) {
        if (selector != 0) lastNews = now;
    }

    /**
     * A webwxsync after announced news was taken in: {@code brought} whether it carried anything at all,
     * {@code keyMoved} whether its SyncKey differs from the one presented.
     */
    void synced(Instant now, boolean brought, boolean keyMoved) {
        if (brought || keyMoved) {
            fruitlessSince = null;
            fruitlessRounds = 0;
        } else {
            if (fruitlessSince == null) fruitlessSince = now;
            fruitlessRounds++;
        }
    }

    /** A send was answered with {@code msgId}: its echo is awaited. */
    void sendAnswered(Instant now, String msgId) {
        if (ownSeen.contains(msgId)) {
            echoesSeen = true; // its echo came first
            return;
        }
        unechoed.put(msgId, now);
        while (unechoed.size() > UNECHOED_KEPT) {
            Iterator<String> oldest = unechoed.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The account's own message {@code msgId} came through sync: the echo of a send, if one awaited it. */
    void ownMessage(String msgId) {
        if (unechoed.remove(msgId) != null) echoesSeen = true;
        ownSeen.add(msgId);
        while (ownSeen.size() > UNECHOED_KEPT) ownSeen.removeFirst();
    }

    /**
     * After a recovery or a probe that came back: the silence and the streaks start again from now, awaited echoes
     * are forgotten (a re-initialised session does not echo what the old one lost). What was learnt stays.
     */
    void restart(Instant now) {
        lastDelivery = now;
        lastNews = null;
        fruitlessSince = null;
        fruitlessRounds = 0;
        unechoed.clear();
    }

    /** The first symptom present at {@code now}, if any. */
    Optional<Finding> verdict(Instant now) {
        if (fruitlessSince != null && fruitlessRounds >= FRUITLESS_ROUNDS
                && !Duration.between(fruitlessSince, now).minus(settings.frozenKeyLimit()).isNegative()) {
            return Optional.of(new Finding(Symptom.SYNC_KEY_FROZEN, lastDelivery, "for "
                    + words(Duration.between(fruitlessSince, now)) + " (" + fruitlessRounds + " rounds) synccheck "
                    + "announced news but webwxsync brought nothing and the sync key did not move"));
        }
        if (echoesSeen) {
            long missing = unechoed.values().stream()
                    .filter(answered -> !Duration.between(answered, now).minus(settings.echoWait()).isNegative())
                    .count();
            if (missing >= settings.missingEchoes()) {
                return Optional.of(new Finding(Symptom.ECHOES_MISSING, lastDelivery, missing + " sent messages "
                        + "have not come back through sync for " + words(settings.echoWait())
                        + " or longer, although this session's sends used to"));
            }
        }
        Duration silence = Duration.between(lastDelivery, now);
        if (silence.compareTo(settings.quietLimit()) >= 0) {
            // The last quietLimit of the silence against the same stretch of recent days: a night that was quiet
            // on them expects nothing, whenever the last message came.
            double expected = history.expectedBetween(now.minus(settings.quietLimit()), now);
            if (expected >= settings.expectedMessages()) {
                boolean allZero = lastNews == null || !lastNews.isAfter(lastDelivery);
                String usual = "although on recent days the last " + words(settings.quietLimit())
                        + " of the day brought about " + Math.round(expected) + " messages";
                return Optional.of(allZero
                        ? new Finding(Symptom.SELECTOR_ALWAYS_ZERO, lastDelivery, "synccheck has answered "
                                + "\"nothing new\" every time for " + words(silence) + ", " + usual)
                        : new Finding(Symptom.NO_MESSAGES, lastDelivery, "no message has arrived for "
                                + words(silence) + ", " + usual));
            }
        }
        return Optional.empty();
    }

    /** Whether any send of this session has come back through sync (a probe included). */
    boolean echoesSeen() {
        return echoesSeen;
    }

    int fruitlessRounds() {
        return fruitlessRounds;
    }

    /** "45 minutes", "2 hours 5 minutes", "30 seconds". */
    static String words(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) return duration.toSeconds() + " seconds";
        if (minutes < 60) return minutes + (minutes == 1 ? " minute" : " minutes");
        long hours = duration.toHours();
        long rest = minutes % 60;
        return hours + (hours == 1 ? " hour" : " hours") + (rest == 0 ? "" : " " + rest + " minutes");
    }
}
