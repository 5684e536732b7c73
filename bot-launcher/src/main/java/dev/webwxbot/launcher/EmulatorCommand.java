package dev.webwxbot.launcher;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code webwx-bot emulator}: the emulator on its own, with a small world (an account, two friends, a group), for
 * pointing a client at it by hand. With {@code --auto-login} the account's phone scans and confirms every QR code.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the Web WeChat emulator on its own until stopped (Ctrl-C).")
final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--auto-login", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "the account's phone scans and confirms every QR code a client shows (default: on)")
    boolean autoLogin;

    @Override
    public Integer call() throws InterruptedException {
        Emulator emulator = Emulator.builder().port(port).start();
        Account account = emulator.addAccount("webwx-bot");
        Contact alice = account.addFriend("Alice");
        Contact bob = account.addFriend("Bob");
        account.addGroup("Weekend hikers", alice, bob);
        account.onConversation(EmulatorCommand::print);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println("[emulator] listening on " + emulator.baseUrl()
                + " for every WeChat host; point a client at it, e.g. ./webwx-bot run --server " + emulator.baseUrl());
        System.out.println("[emulator] account '" + account.nickName() + "' with friends Alice and Bob and group "
                + "'Weekend hikers'" + (autoLogin ? "; its phone confirms every QR code" : ""));
        if (autoLogin) Thread.startVirtualThread(() -> confirmEveryQrCode(emulator, account));
        stopped.await();
        return 0;
    }

    private static void confirmEveryQrCode(Emulator emulator, Account account) {
        while (true) {
            String uuid;
            try {
                uuid = emulator.awaitQrUuid(Duration.ofHours(1));
            } catch (EmulatorTimeoutException e) {
                continue;
            } catch (RuntimeException e) {
                return; // the emulator closed
            }
            System.out.println("[phone] scanning and confirming QR code " + uuid);
            account.phone().scan(uuid);
            account.phone().confirm();
        }
    }

    private static void print(ConversationLine line) {
        System.out.println("[chat] " + TerminalText.safe(line.from()) + " → " + TerminalText.safe(line.to()) + ": "
                + TerminalText.safe(line.text()));
    }
}
