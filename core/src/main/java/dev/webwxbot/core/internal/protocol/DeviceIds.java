package dev.webwxbot.core.internal.protocol;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes {@code DeviceID}s the way the official page does: {@code e} and 15 random digits, fresh for every request
 * (PROTOCOL.md 2.8); desktop-mode clients were reported to need a fresh one before every webwxsync.
 */
final class DeviceIds {

    private DeviceIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(16).append('e');
        for (int i = 0; i < 15; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        return id.toString();
    }
}
