package dev.webwxbot.launcher.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When the bot is killed or stopped: at seeded random times spread over the middle of the injection (its first
 * and last tenth stay calm, so the soak starts and ends with the bot running), kinds shuffled by the same seed.
 */
final class RestartSchedule {

    /** One restart: {@code at} after injection started; {@code kill} for SIGKILL, else SIGTERM. */
    record Restart(Duration at, boolean kill) {
    }

    private RestartSchedule() {
    }

    static List<Restart> plan(long seed, int kills, int terms, Duration injection) {
        Random random = new Random(seed);
        List<Boolean> kinds = new ArrayList<>();
        for (int i = 0; i < kills; i++) kinds.add(true);
        for (int i = 0; i < terms; i++) kinds.add(false);
        Collections.shuffle(kinds, random);
        long span = injection.toNanos();
        List<Restart> restarts = new ArrayList<>();
        for (boolean kill : kinds) {
            long at = (long) (span * (0.1 + 0.8 * random.nextDouble()));
            restarts.add(new Restart(Duration.ofNanos(at), kill));
        }
        restarts.sort(Comparator.comparing(Restart::at));
        return List.copyOf(restarts);
    }
}
