package dev.webwxbot.launcher.bench;

import dev.webwxbot.emulator.Account;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Reads a client's output for the QR codes it shows. The first one's time is the cold start; each one is scanned and
 * confirmed by the next phone of {@code phones} not used yet (a daemon of many accounts shows one per account, in
 * no particular order, and any phone may log any of them in). With no phones it only watches.
 */
final class QrWatcher implements Consumer<ClientProcess.Line> {

    private final Client client;
    private final List<Account> phones;
    private final AtomicInteger nextPhone = new AtomicInteger();
    private final AtomicLong firstQrNanos = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    QrWatcher(Client client, List<Account> phones) {
        this.client = client;
        this.phones = List.copyOf(phones);
    }

    @Override
    public void accept(ClientProcess.Line line) {
        client.qrUuid(line.text()).ifPresent(uuid -> {
            firstQrNanos.compareAndSet(0, line.nanos());
            int index = nextPhone.getAndIncrement();
            if (index >= phones.size()) return;
            Account phone = phones.get(index);
            Thread.startVirtualThread(() -> {
                try {
                    phone.phone().scan(uuid);
                    phone.phone().confirm();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            });
        });
    }

    /** Waits for the first QR code; its {@link System#nanoTime()}. Throws when the client exits or is late. */
    long awaitFirstQr(ClientProcess process, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (firstQrNanos.get() == 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(client.label() + " exited before showing a QR code:\n" + process.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(client.label() + " showed no QR code within " + within.toSeconds()
                        + " s:\n" + process.tail());
            }
            Thread.sleep(5);
        }
        return firstQrNanos.get();
    }

    /** Waits until every phone's account is online. Throws when a scan failed, the client exits or is late. */
    void awaitAllOnline(ClientProcess process, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (Account phone : phones) {
            while (!phone.isOnline()) {
                if (failure.get() != null) throw new IllegalStateException("a phone could not log in", failure.get());
                if (!process.isAlive()) {
                    throw new IllegalStateException(client.label() + " exited before it was online:\n" + process.tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(client.label() + ": not every account online within "
                            + within.toSeconds() + " s:\n" + process.tail());
                }
                Thread.sleep(20);
            }
        }
    }
}
