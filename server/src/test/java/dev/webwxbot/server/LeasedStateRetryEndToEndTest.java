package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.account.AccountState;
import dev.webwxbot.server.account.AccountStatus;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a cluster, a daemon that takes an account's lease at the moment Redis fails to give its state back does not
 * leave the account held and idle: it shows the account logged out ({@code STATE_UNAVAILABLE}), says so once, and
 * tries again until the state can be read, then logs in. (The lease itself is the cluster module's; here the daemon
 * is handed a storage directly, as the cluster would hand it.)
 */
class LeasedStateRetryEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private BotServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
    }

    @Test
    void aLeasedStateThatCannotBeReadIsTriedAgainUntilTheAccountLogsIn() throws Exception {
        emulator = DaemonFixture.emulator();
        Account phone = emulator.addAccount("Bot");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { s1 {} }");
        dev.webwxbot.server.account.Account account = server.accounts().get("s1").orElseThrow();
        account.stop();
        account.awaitLease();
        CapturedLogs logs = CapturedLogs.attach();

        FlakyStorage storage = new FlakyStorage(1);
        account.hold(storage);
        Await.until(() -> account.status().state() == AccountState.LOGGED_OUT, "shown logged out");
        AccountStatus shown = account.status();
        assertEquals("STATE_UNAVAILABLE", shown.reason());
        assertTrue(shown.detail().contains("Redis unreachable"), shown.detail());

        // One failed read, then the storage answers: the account logs in (afresh: the storage held nothing). Had the
        // failed read been taken for "nothing saved", a resumable session would have asked for a new QR code.
        String qr = Await.value(() -> account.status().qrContent(), "a QR code once the state could be read",
                Duration.ofSeconds(20));
        phone.phone().scan(qr.substring(qr.lastIndexOf('/') + 1));
        phone.phone().confirm();
        Await.until(() -> account.status().state() == AccountState.ONLINE, "online", Duration.ofSeconds(20));
        assertEquals(1, storage.failures.get());
        logs.close();
        List<String> warnings = logs.at(Level.WARN);
        assertEquals(1, warnings.size(), "said once: " + warnings);
        assertTrue(warnings.getFirst().contains("session state cannot be read now"), warnings.getFirst());
        Await.until(() -> storage.snapshot.isPresent(), "the session kept in the leased storage");
    }

    /** A storage in memory whose first {@code failing} reads fail as an unreachable Redis makes them fail. */
    private static final class FlakyStorage implements SessionStateStorage {
        final AtomicInteger failures = new AtomicInteger();
        private final int failing;
        private final Map<String, List<String>> logs = new HashMap<>();
        volatile Optional<String> snapshot = Optional.empty();

        FlakyStorage(int failing) {
            this.failing = failing;
        }

        @Override
        public synchronized Optional<String> loadSnapshot() {
            if (failures.get() < failing) {
                failures.incrementAndGet();
                throw new IllegalStateException("account s1's state was not read: Redis unreachable");
            }
            return snapshot;
        }

        @Override
        public void saveSnapshot(String json) {
            snapshot = Optional.of(json);
        }

        @Override
        public void clearSnapshot() {
            snapshot = Optional.empty();
        }

        @Override
        public synchronized RecordLog openLog(String name) {
            List<String> records = logs.computeIfAbsent(name, n -> new ArrayList<>());
            return new RecordLog() {
                @Override
                public List<String> records() {
                    synchronized (FlakyStorage.this) {
                        return List.copyOf(records);
                    }
                }

                @Override
                public void append(List<String> added) {
                    synchronized (FlakyStorage.this) {
                        records.addAll(added);
                    }
                }

                @Override
                public void rewrite(List<String> all) {
                    synchronized (FlakyStorage.this) {
                        records.clear();
                        records.addAll(all);
                    }
                }

                @Override
                public long size() {
                    synchronized (FlakyStorage.this) {
                        return records.size();
                    }
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
