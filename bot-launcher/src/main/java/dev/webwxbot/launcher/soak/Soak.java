package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.launcher.soak.RestartSchedule.Restart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A fault soak: the packaged bot ({@code bin/webwx-bot run}) as a child process, logged in by the emulated phone,
 * answering numbered messages with the bundled auto-reply plugin ({@code soak 17} → {@code ack 17}) while the
 * in-process emulator faults a share of its requests ({@link FaultMix}) and the bot is killed with SIGKILL and
 * stopped with SIGTERM at seeded times ({@link RestartSchedule}), each time started again on the same data folder.
 * Friends and groups ({@link #chatCount}) write at a steady rate meanwhile. Once every message is written and every restart done,
 * it waits for the backlog to drain (bounded), stops the bot with SIGTERM and counts from the emulator's record of
 * what the bot sent: every number must be answered once, in its chat ({@link SoakReport}).
 *
 * <p>Loopback only; everything the bot wrote, its logs and its data folder stay in the plan's work folder.
 * Not reusable: one instance, one run.
 */
public final class Soak {

    /** The emulator's long-poll holds: short, so a restart and a stalled poll resolve in seconds. */
    static final Duration LOGIN_POLL_HOLD = Duration.ofMillis(500);
    static final Duration SYNC_CHECK_HOLD = Duration.ofSeconds(1);
    /** The bound of every single step: a start to online, an exit after SIGKILL, a QR code to appear. */
    static final Duration STEP = Duration.ofSeconds(90);
    /** How long the bot may take to stop after SIGTERM before it is killed (and counted as not honouring it). */
    static final Duration TERM_GRACE = Duration.ofSeconds(30);
    /** A restart waits at least this long after the previous one was online, so each bot does some work. */
    static final Duration MIN_UPTIME = Duration.ofSeconds(3);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    /**
     * The bot's configuration: the auto-reply rule, the echo plugin off, no send limits (nor loop breaker and send
     * ceilings) to speak of, quick retries, read timeouts a little
     * over the emulator's holds so a stall fails in seconds, and the plugin breaker off (a soak measures the
     * transport, not how the chain treats a plugin whose sends fail).
     */
    static final String BOT_CONF = """
            webwx-bot {
              send {
                global-per-minute = 1000000, global-burst = 10000
                per-chat-per-minute = 1000000, per-chat-burst = 10000
                min-gap = 0s, max-gap = 0s
                max-queued = 1000000
                # Network faults here are the emulator's, seconds apart: retry them quickly, not as after a 1205.
                backoff-base = 200ms, backoff-cap = 2s, max-retries = 6
              }
              timeouts { login-poll = 5s, sync-check = 4s, call = 3s }
              chain.breaker.threshold = 0
              # The soak's friends write as fast as a machine can: the loop breaker and the ceilings would pause them.
              safety.loops { enabled = false, account-ceiling = 0 }
              # The soak kills and faults the bot on purpose, its logins included: the login-churn guard would rightly
              # hold such a bot back, which is not what the soak measures.
              safety.login-guard.enabled = false
            }
            plugins.echo.enabled = false
            plugins.auto-reply {
              rules = [
                { name = soak, regex = "^soak (\\\\d+)$", reply = "ack {1}", require-mention = false }
              ]
            }
            """;

    private final SoakPlan plan;
    private final PrintWriter out;
    private final Ledger ledger;
    private final long startNanos = System.nanoTime();
    private Emulator emulator;
    private Account account;
    private FaultTally tally;
    private PrintWriter transcript;
    private Path config;
    private BotProcess bot;
    private Thread injector;
    private int generation;
    private int kills;
    private int terms;
    private int termsNotHonoured;
    private int unexpectedExits;
    private int scans;
    private int pushLogins;
    private int restartsDone;
    private int sendFailuresOfEarlierBots;
    /** Numbers in the backlog when a restart's signal went out ({@link Ledger#backlog}), or written while down. */
    private final BitSet aroundRestarts = new BitSet();
    private long lastProgressNanos = System.nanoTime();
    private long onlineNanos;
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicReference<Throwable> injectionFailure = new AtomicReference<>();

    private Soak(SoakPlan plan, PrintWriter out) {
        this.plan = plan;
        this.out = out;
        this.ledger = new Ledger(plan.messages());
    }

    /** Runs the plan, printing progress to {@code out}; returns the counts (whatever they are). */
    public static SoakReport run(SoakPlan plan, PrintWriter out) throws IOException, InterruptedException {
        return new Soak(plan, out).run();
    }

    /** One chat the numbered messages are written in: a friend, or a group whose members take turns. */
    private record Chat(String name, Consumer<String> writer) {
    }

    private SoakReport run() throws IOException, InterruptedException {
        Path work = plan.workDir();
        Files.createDirectories(work.resolve("config"));
        config = work.resolve("config").resolve("soak.conf");
        Files.writeString(config, BOT_CONF);
        try (Emulator emu = Emulator.builder().port(0).seed(plan.seed()).loginPollHold(LOGIN_POLL_HOLD)
                .syncCheckHold(SYNC_CHECK_HOLD).maxRecordedRequests(0).start();
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(work.resolve("bot-output.log")))) {
            emulator = emu;
            transcript = log;
            tally = new FaultTally(emu.faults());
            account = emu.addAccount("SoakBot");
            List<Chat> chats = world(account, chatCount(plan.ratePerSecond()));
            account.onConversation(ledger::onLine);
            say("work folder " + work.toAbsolutePath() + "; " + plan.messages() + " messages at " + plan.ratePerSecond()
                    + "/s in " + chats.size() + " chats, fault rate " + plan.faultRate() + " on "
                    + FaultMix.endpoints(plan.faultLogin()) + ", " + plan.kills() + " kill -9, " + plan.restarts()
                    + " SIGTERM, seed " + plan.seed());
            try {
                startBot(true);
                FaultMix.install(emu.faults(), plan.faultRate(), plan.faultLogin());
                long injectionStart = System.nanoTime();
                injector = Thread.ofPlatform().name("soak-injector").daemon().start(() -> inject(chats));
                for (Restart restart : RestartSchedule.plan(plan.seed(), plan.kills(), plan.restarts(),
                        plan.injectionTime())) {
                    watchUntil(Math.max(injectionStart + restart.at().toNanos(), onlineNanos + MIN_UPTIME.toNanos()));
                    restart(restart.kill());
                }
                while (injector.isAlive()) {
                    watchUntil(System.nanoTime() + 200_000_000L);
                }
                if (injectionFailure.get() != null) {
                    throw new IllegalStateException("injecting messages failed", injectionFailure.get());
                }
                boolean settledEarly = settle();
                stopBot();
                tally.poll();
                Ledger.Count count = ledger.count(account.sentMessages());
                int lostAroundRestarts = (int) count.lost().stream().filter(aroundRestarts::get).count();
                return new SoakReport(count.injected(), count.answered(), count.answeredTwice(), count.lost().size(),
                        lostAroundRestarts, count.extraAnswers(), count.misdirected(), tally.byKind(), kills, terms,
                        termsNotHonoured, unexpectedExits, scans, pushLogins,
                        sendFailuresOfEarlierBots + bot.sendFailuresReported(), settledEarly,
                        Duration.ofNanos(System.nanoTime() - startNanos), plan.seed(),
                        work.toAbsolutePath().toString(), count.lost().stream().limit(20).toList());
            } finally {
                if (injector != null) injector.interrupt();
                if (bot != null && bot.isAlive()) {
                    bot.kill();
                    bot.awaitExit(STEP);
                }
            }
        }
    }

    /**
     * How many chats the messages are spread over: one per message a second (a person writes at most about one
     * a second, so a busy bot is many chats at once), at least five. Each chat's answers go out in order, one at a
     * time, so a fault costs seconds of one chat, as it would for a real bot.
     */
    static int chatCount(double ratePerSecond) {
        return Math.max(5, (int) Math.ceil(ratePerSecond));
    }

    /** {@code count} chats: friends, and every fifth chat a group of three of them whose members take turns. */
    private static List<Chat> world(Account account, int count) {
        List<Chat> chats = new ArrayList<>();
        List<Contact> friends = new ArrayList<>();
        while (chats.size() < count) {
            if (chats.size() % 5 == 4 && friends.size() >= 3) {
                List<Contact> members = friends.subList(friends.size() - 3, friends.size());
                Contact group = account.addGroup("Soak group " + (chats.size() / 5 + 1), members.toArray(Contact[]::new));
                AtomicInteger turn = new AtomicInteger();
                List<Contact> writers = List.copyOf(members);
                chats.add(new Chat(group.nickName(),
                        text -> writers.get(turn.getAndIncrement() % writers.size()).sendTextIn(group, text)));
            } else {
                Contact friend = account.addFriend("Friend " + (friends.size() + 1));
                friends.add(friend);
                chats.add(new Chat(friend.nickName(), friend::sendText));
            }
        }
        return chats;
    }

    /** Writes soak 1 … soak N, evenly spaced, round the chats; on its own thread, sleeping between messages. */
    private void inject(List<Chat> chats) {
        long start = System.nanoTime();
        double interval = 1e9 / plan.ratePerSecond();
        try {
            for (int n = 1; n <= plan.messages(); n++) {
                long wait = start + (long) ((n - 1) * interval) - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                Chat chat = chats.get((n - 1) % chats.size());
                ledger.injected(n, chat.name());
                chat.writer().accept("soak " + n);
                injected.set(n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            injectionFailure.set(e);
        } catch (RuntimeException e) {
            injectionFailure.set(e);
        }
    }

    /**
     * Until {@code deadline}: counts faults, prints progress, and starts the bot again should it exit on its own
     * (counted; the soak is about restarts it asked for).
     */
    private void watchUntil(long deadline) throws IOException, InterruptedException {
        while (true) {
            tally.poll();
            long now = System.nanoTime();
            if (now - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
                lastProgressNanos = now;
                say("injected " + injected.get() + "/" + plan.messages() + ", answered " + ledger.answeredSoFar()
                        + ", faults " + tally.total() + ", restarts " + restartsDone + "/" + (plan.kills() + plan.restarts()));
            }
            if (!bot.isAlive()) {
                unexpectedExits++;
                int injectedAtExit = injected.get();
                aroundRestarts.or(ledger.backlog(injectedAtExit));
                say("the bot exited on its own (code " + bot.exitValue() + "); its last lines:\n" + bot.tail(15));
                startBot(false);
                aroundRestarts.set(injectedAtExit + 1, injected.get() + 1);
            }
            if (now >= deadline) return;
            Thread.sleep(Math.min(200, Math.max(1, (deadline - now) / 1_000_000L)));
        }
    }

    private void restart(boolean kill) throws IOException, InterruptedException {
        BotProcess old = bot;
        int injectedAtSignal = injected.get();
        aroundRestarts.or(ledger.backlog(injectedAtSignal));
        if (kill) {
            old.kill();
            if (!old.awaitExit(STEP)) throw new IllegalStateException("pid " + old.pid() + " survived SIGKILL");
            kills++;
        } else {
            old.terminate();
            if (!old.awaitExit(TERM_GRACE)) {
                termsNotHonoured++;
                say("pid " + old.pid() + " still running " + TERM_GRACE.toSeconds() + " s after SIGTERM; killing it");
                old.kill();
                old.awaitExit(STEP);
            }
            terms++;
        }
        restartsDone++;
        say((kill ? "kill -9" : "SIGTERM") + " pid " + old.pid() + " (exit " + old.exitValue() + ") with "
                + (injected.get() - ledger.answeredSoFar()) + " unanswered; starting again");
        startBot(false);
        // Written while no bot was running: the resumed one must fetch them.
        aroundRestarts.set(injectedAtSignal + 1, injected.get() + 1);
    }

    /**
     * Starts the bot and waits until it is online. A QR code is scanned and a push login confirmed with the
     * phone; after the first start each is counted, for a restart should resume from the saved session.
     */
    private void startBot(boolean first) throws IOException, InterruptedException {
        if (bot != null) sendFailuresOfEarlierBots += bot.sendFailuresReported();
        generation++;
        bot = BotProcess.start(plan.distHome(), plan.workDir(), config, emulator.baseUrl(), transcript, generation);
        switch (bot.awaitOnline(emulator, account, STEP, tally::poll)) {
            case SCANNED -> { if (!first) scans++; }
            case PUSHED -> pushLogins++;
            case RESUMED -> { }
        }
        onlineNanos = System.nanoTime();
        if (first) say("bot online (pid " + bot.pid() + ")");
    }

    /** Waits for the backlog: until every number is answered, or none was for the quiet period, or at most max. */
    private boolean settle() throws IOException, InterruptedException {
        say("all " + plan.messages() + " written and " + restartsDone + " restarts done; " + ledger.answeredSoFar()
                + " answered so far, waiting for the rest (at most " + plan.maxSettle().toSeconds() + " s)");
        long start = System.nanoTime();
        while (true) {
            if (ledger.answeredSoFar() >= plan.messages()) return true;
            long now = System.nanoTime();
            long quiet = Math.min(ledger.nanosSinceLastAnswer(), now - start);
            if (quiet >= plan.settleQuiet().toNanos() || now - start >= plan.maxSettle().toNanos()) {
                return false;
            }
            watchUntil(now + 250_000_000L);
        }
    }

    /** SIGTERM at the end, so answers still under way are sent before the count. */
    private void stopBot() throws InterruptedException {
        bot.terminate();
        if (!bot.awaitExit(TERM_GRACE)) {
            termsNotHonoured++;
            bot.kill();
            bot.awaitExit(STEP);
        }
    }

    private void say(String line) {
        long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        out.println("[soak] " + seconds + " s: " + line);
        out.flush();
    }
}
