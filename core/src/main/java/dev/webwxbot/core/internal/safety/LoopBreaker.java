package dev.webwxbot.core.internal.safety;

import dev.webwxbot.core.SafetyOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts, per chat, what makes a reply loop and a send storm: answers of the other side to the bot's sends that no
 * person gives (quicker than {@code fast-answer}, or nearly the text the bot just sent), and the bot's sends to the
 * chat. Says when a chat crosses either bound; the caller pauses it. Only the bot's own sends count, not the
 * operator's. Thread-safe.
 */
final class LoopBreaker {

    /** Chats tracked at most; the least recently touched beyond it are forgotten (their counts start afresh). */
    private static final int MAX_CHATS = 10_000;

    private final SafetyOptions.Loops settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Track> chats = new HashMap<>();

    LoopBreaker(SafetyOptions.Loops settings) {
        this.settings = settings;
    }

    /** One answer the other side gave; kept while it lies in the window. */
    private record Answer(Instant at, boolean fast, boolean same) {
    }

    /** One chat's counts. Guarded by the lock. */
    private static final class Track {
        Instant lastSentAt;
        String lastSentText = "";
        boolean lastWasSend;
        final ArrayDeque<Answer> answers = new ArrayDeque<>();
        final ArrayDeque<Instant> sends = new ArrayDeque<>();
        Instant touched = Instant.EPOCH;
    }

    /**
     * The other side wrote {@code text} in {@code chat} at {@code at}. When it answers the bot's last send (nothing of
     * theirs came between) faster than a person or with nearly the same text, it counts; enough of those within the
     * window is a loop: its explanation, and the chat's counts start afresh. In a group only nearly the same text
     * counts: in a busy group someone writes within a second of the bot without answering it.
     */
    Optional<String> received(String chat, String chatName, String text, Instant at) {
        return received(chat, chatName, text, at, false);
    }

    /** As {@link #received(String, String, String, Instant)}; {@code group} when the chat is a group. */
    Optional<String> received(String chat, String chatName, String text, Instant at, boolean group) {
        if (!settings.enabled()) return Optional.empty();
        lock.lock();
        try {
            Track track = track(chat, at);
            boolean answersTheBot = track.lastWasSend && track.lastSentAt != null;
            track.lastWasSend = false;
            if (!answersTheBot) return Optional.empty();
            boolean fast = !group && Duration.between(track.lastSentAt, at).compareTo(settings.fastAnswer()) < 0;
            boolean same = Texts.nearlySame(track.lastSentText, Texts.normalized(text));
            if (!fast && !same) return Optional.empty();
            track.answers.addLast(new Answer(at, fast, same));
            Instant from = at.minus(settings.window());
            while (!track.answers.isEmpty() && track.answers.peekFirst().at().isBefore(from)) track.answers.removeFirst();
            if (track.answers.size() < settings.exchanges()) return Optional.empty();
            long quick = track.answers.stream().filter(Answer::fast).count();
            long alike = track.answers.stream().filter(Answer::same).count();
            int count = track.answers.size();
            chats.remove(chat);
            return Optional.of("reply loop in " + chatName + ": the other side answered the bot's messages " + count
                    + " times within " + Durations.words(settings.window()) + " (" + quick + " of them faster than "
                    + Durations.words(settings.fastAnswer()) + ", " + alike + " nearly repeating what the bot sent); "
                    + "the bot stops answering there for " + Durations.words(settings.cooldown()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bot is about to send to {@code chat}: counted against the chat's ceiling. Its explanation when the window
     * already holds the ceiling's worth (this send is refused and the chat's counts start afresh).
     */
    Optional<String> sending(String chat, String chatName, Instant at) {
        if (!settings.enabled() || settings.chatCeiling() == 0) return Optional.empty();
        lock.lock();
        try {
            Track track = track(chat, at);
            Instant from = at.minus(settings.chatCeilingWindow());
            while (!track.sends.isEmpty() && !track.sends.peekFirst().isAfter(from)) track.sends.removeFirst();
            if (track.sends.size() >= settings.chatCeiling()) {
                chats.remove(chat);
                return Optional.of("send ceiling in " + chatName + ": the bot sent " + settings.chatCeiling()
                        + " messages there within " + Durations.words(settings.chatCeilingWindow())
                        + ", the most allowed; the bot stops answering there for "
                        + Durations.words(settings.cooldown()));
            }
            track.sends.addLast(at);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The bot's send of {@code text} to {@code chat} went out at {@code at}. */
    void sent(String chat, String text, Instant at) {
        if (!settings.enabled()) return;
        lock.lock();
        try {
            Track track = track(chat, at);
            track.lastSentAt = at;
            track.lastSentText = Texts.normalized(text);
            track.lastWasSend = true;
        } finally {
            lock.unlock();
        }
    }

    /** Lock held. */
    private Track track(String chat, Instant at) {
        Track track = chats.computeIfAbsent(chat, key -> new Track());
        track.touched = at;
        if (chats.size() > MAX_CHATS) {
            chats.entrySet().stream().min((x, y) -> x.getValue().touched.compareTo(y.getValue().touched))
                    .map(Map.Entry::getKey).filter(oldest -> !oldest.equals(chat)).ifPresent(chats::remove);
        }
        return track;
    }
}
