package dev.webwxbot.launcher;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.scenario.Scenario;
import dev.webwxbot.emulator.scenario.ScenarioException;
import dev.webwxbot.emulator.scenario.ScenarioRun;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot emulator}: the emulator on its own, for pointing a client at it by hand. Without a scenario it
 * holds a small world (an account, two friends, a group); with {@code --scenario} the scenario's world and script.
 * With {@code --auto-login} the first account's phone scans and confirms every QR code.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the Web WeChat emulator on its own until stopped (Ctrl-C).")
final class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--auto-login", negatable = true, fallbackValue = "true",
            description = "the first account's phone scans and confirms every QR code a client shows"
                    + " (default: on without a scenario, off with one, whose script logs in)")
    Boolean autoLogin;

    @Option(names = "--scenario", paramLabel = "FILE|NAME",
            description = "a scenario file (HOCON world and script), or a bundled one: demo, every-kind")
    String scenarioName;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "play back a recording made with run --record FILE: its contacts as the world, then every"
                    + " message it received, in order (docs/notes/record-replay.md)")
    Path replay;

    @Option(names = "--https", description = "speak TLS with a certificate made at start for every WeChat host name")
    boolean https;

    @Option(names = "--ca-out", paramLabel = "FILE",
            description = "with --https: write the generated CA certificate (PEM) here, e.g. for NODE_EXTRA_CA_CERTS")
    Path caOut;

    @Option(names = "--exit-when-done",
            description = "stop once the scenario's script has ended (without a scenario: right after starting)")
    boolean exitWhenDone;

    @Override
    public Integer call() throws InterruptedException {
        if (caOut != null && !https) {
            throw new IllegalArgumentException("--ca-out needs --https");
        }
        Scenario scenario;
        try {
            if (scenarioName != null && replay != null) {
                throw new IllegalArgumentException("--replay and --scenario exclude each other");
            }
            scenario = replay != null ? Scenario.fromRecording(replay)
                    : scenarioName == null ? null : Scenario.resolve(scenarioName);
        } catch (ScenarioException e) {
            // Nothing has started: a bad scenario never runs half-way.
            spec.commandLine().getErr().println("webwx-bot: invalid scenario: " + e.problems().size() + " problem(s)");
            e.problems().forEach(problem -> spec.commandLine().getErr().println("  " + TerminalText.clean(problem)));
            return Main.CONFIGURATION_ERROR;
        }
        Emulator emulator = Emulator.builder().port(port).https(https).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            writeCaCertificate(emulator);
            System.out.println("[emulator] listening on " + emulator.baseUrl()
                    + " for every WeChat host; point a client at it, e.g. ./webwx-bot run --server " + emulator.baseUrl());
            ScenarioRun run = scenario == null ? null : startScenario(scenario, emulator);
            Account first = run == null ? defaultWorld(emulator) : run.account(scenario.accountIds().getFirst());
            boolean confirmAll = autoLogin != null ? autoLogin : scenario == null;
            if (confirmAll) {
                System.out.println("[emulator] the phone of '" + TerminalText.clean(first.nickName())
                        + "' confirms every QR code");
                Thread.startVirtualThread(() -> confirmEveryQrCode(emulator, first));
            }
            if (exitWhenDone) {
                if (run != null) {
                    run.awaitFinished(Duration.ofDays(365));
                }
                return run != null && run.failure().isPresent() ? 1 : 0;
            }
            stopped.await();
            return 0;
        } finally {
            if (exitWhenDone) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
                emulator.close();
            }
        }
    }

    private void writeCaCertificate(Emulator emulator) {
        if (caOut == null) {
            return;
        }
        try {
            Files.writeString(caOut, emulator.caCertificatePem().orElseThrow(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the CA certificate to " + caOut + ": " + e.getMessage());
        }
        System.out.println("[emulator] CA certificate written to " + caOut + " (trust only it, e.g. NODE_EXTRA_CA_CERTS="
                + caOut + ")");
    }

    private static ScenarioRun startScenario(Scenario scenario, Emulator emulator) {
        System.out.println("[scenario] " + TerminalText.clean(scenario.name()) + ": "
                + TerminalText.clean(scenario.description()) + " (" + scenario.stepCount() + " steps)");
        return scenario.start(emulator, line -> System.out.println("[scenario] " + TerminalText.clean(line)),
                run -> emulator.accounts().forEach(account -> account.onConversation(EmulatorCommand::print)));
    }

    private static Account defaultWorld(Emulator emulator) {
        Account account = emulator.addAccount("webwx-bot");
        Contact alice = account.addFriend("Alice");
        Contact bob = account.addFriend("Bob");
        account.addGroup("Weekend hikers", alice, bob);
        account.onConversation(EmulatorCommand::print);
        System.out.println("[emulator] account '" + account.nickName() + "' with friends Alice and Bob and group "
                + "'Weekend hikers'");
        return account;
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
            try {
                account.phone().scan(uuid);
                account.phone().confirm();
            } catch (IllegalStateException e) {
                System.out.println("[phone] could not log in with QR code " + uuid + ": " + e.getMessage());
            }
        }
    }

    private static void print(ConversationLine line) {
        System.out.println("[chat] " + TerminalText.clean(line.from()) + " → " + TerminalText.clean(line.to()) + ": "
                + TerminalText.clean(line.text()));
    }
}
