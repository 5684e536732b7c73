package dev.webwxbot.launcher;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.scenario.Scenario;
import dev.webwxbot.emulator.scenario.ScenarioException;
import dev.webwxbot.emulator.scenario.ScenarioRun;
import dev.webwxbot.launcher.emulator.Chatter;
import dev.webwxbot.launcher.emulator.EmulatorConsole;
import dev.webwxbot.launcher.emulator.SentLog;
import dev.webwxbot.launcher.emulator.WorldReport;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot emulator}: the emulator on its own, for pointing a client at it by hand. Without a scenario it
 * holds a small world (an account, two friends, a group); with {@code --scenario} the scenario's world and script.
 * With {@code --auto-login} the first account's phone scans and confirms every QR code. It prints the world (accounts,
 * contacts and their ids, curl lines for the control API), can make it chatter ({@code --chatter}), and on a terminal
 * opens a console to type as the contacts (package {@code dev.webwxbot.launcher.emulator}; docs/emulator.md).
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

    @Mixin
    EmulatorClientOptions clientOptions = new EmulatorClientOptions();

    @Option(names = "--exit-when-done",
            description = "stop once the scenario's script has ended (without a scenario: right after starting)")
    boolean exitWhenDone;

    @Option(names = "--chatter", paramLabel = "RATE",
            description = "friends and group members of online accounts write RATE messages per second (default: off)")
    Double chatterRate;

    @Option(names = "--chatter-kinds", paramLabel = "text|all", defaultValue = "text",
            description = "with --chatter: texts only (default) or every message kind the emulator supports")
    String chatterKinds;

    @Option(names = "--chatter-seed", paramLabel = "N",
            description = "with --chatter: seed of the random picks (default: a random seed, printed)")
    Long chatterSeed;

    @Option(names = "--console", negatable = true, fallbackValue = "true",
            description = "an interactive console to type as your contacts (default: on when stdin is a terminal)")
    Boolean console;

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
        Emulator emulator = clientOptions.applyTo(Emulator.builder().port(port).https(https)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            writeCaCertificate(emulator);
            System.out.println("[emulator] listening on " + emulator.baseUrl()
                    + " for every WeChat host, and for any client sending its requests straight there (docs/emulator.md,"
                    + " \"Testing your own client against the emulator\"); ours: ./webwx-bot run --server "
                    + emulator.baseUrl());
            ScenarioRun run = scenario == null ? null : startScenario(scenario, emulator);
            Account first = run == null ? defaultWorld(emulator) : run.account(scenario.accountIds().getFirst());
            boolean confirmAll = autoLogin != null ? autoLogin : scenario == null;
            if (confirmAll) {
                System.out.println("[emulator] the phone of '" + TerminalText.clean(first.nickName())
                        + "' confirms every QR code");
                Thread.startVirtualThread(() -> confirmEveryQrCode(emulator, first));
            }
            SentLog sentLog = new SentLog();
            WorldReport report = new WorldReport(emulator, https ? (caOut != null ? "--cacert " + caOut : "-k") : "");
            report.lines().forEach(line -> System.out.println(line));
            AutoCloseable watch = report.watch(line -> System.out.println(line));
            Chatter chatter = startChatter(emulator, sentLog);
            if (exitWhenDone) {
                if (run != null) {
                    run.awaitFinished(Duration.ofDays(365));
                }
                closeQuietly(chatter);
                closeQuietly(watch);
                return run != null && run.failure().isPresent() ? 1 : 0;
            }
            boolean interactive = console != null ? console : EmulatorConsole.interactiveTerminal();
            if (interactive && runConsole(emulator, report, sentLog)) {
                // quit: stop here rather than wait for Ctrl-C.
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
                closeQuietly(chatter);
                closeQuietly(watch);
                emulator.close();
                return 0;
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

    private Chatter startChatter(Emulator emulator, SentLog sentLog) {
        if (chatterRate == null) {
            return null;
        }
        if (!chatterKinds.equals("text") && !chatterKinds.equals("all")) {
            throw new IllegalArgumentException("--chatter-kinds is text or all");
        }
        long seed = chatterSeed != null ? chatterSeed : new java.util.SplittableRandom().nextLong();
        Chatter chatter = Chatter.start(emulator, chatterRate, seed, chatterKinds.equals("all"), sentLog,
                line -> System.out.println(line));
        System.out.println("[chatter] " + chatterRate + " message(s)/s of " + (chatterKinds.equals("all") ? "every kind"
                : "text") + " from friends and group members of online accounts (--chatter-seed " + seed + ")");
        return chatter;
    }

    /** Runs the console on this thread, its lines and the emulator's above the prompt; true once the user quit. */
    private static boolean runConsole(Emulator emulator, WorldReport report, SentLog sentLog) {
        PrintStream original = System.out;
        // Same terminal setup as the chat command: the exec provider needs no native library.
        try (Terminal terminal = TerminalBuilder.builder().name("webwx-bot").system(true)
                .jni(false).jna(false).jansi(false).ffm(false).exec(true)
                .encoding(StandardCharsets.UTF_8).build()) {
            EmulatorConsole emulatorConsole = new EmulatorConsole(terminal, emulator, report, sentLog);
            System.setOut(emulatorConsole.output());
            try {
                emulatorConsole.run();
            } finally {
                System.setOut(original);
            }
            return true;
        } catch (IOException e) {
            System.out.println("[console] no console: " + TerminalText.clean(String.valueOf(e.getMessage())));
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Stopping anyway: nothing to do about a helper that fails to stop.
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
