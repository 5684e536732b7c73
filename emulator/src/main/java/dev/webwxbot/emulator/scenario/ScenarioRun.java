package dev.webwxbot.emulator.scenario;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scenario being played: the world it created (by scenario id), what its steps did so far, and how it ended.
 * Thread-safe. Whoever started it closes it; closing stops the script (the emulator and its world stay).
 */
public final class ScenarioRun implements AutoCloseable {
    private final Cast cast;
    private final List<StepOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String failure;
    private volatile Thread thread;

    private ScenarioRun(Cast cast) {
        this.cast = cast;
    }

    static ScenarioRun start(Scenario scenario, Emulator emulator, Cast cast, Consumer<String> log,
                             Consumer<ScenarioRun> beforeScript) {
        ScenarioRun run = new ScenarioRun(cast);
        beforeScript.accept(run);
        ScenarioRunner runner = new ScenarioRunner(scenario, emulator, cast, log, run.outcomes::add);
        // One platform thread per run: the script sleeps and waits on the emulator's monitors, never on Netty's.
        Thread thread = new Thread(() -> {
            try {
                runner.run();
                log.accept("scenario " + scenario.name() + " finished (" + scenario.stepCount() + " steps)");
            } catch (InterruptedException e) {
                run.failure = "stopped";
            } catch (ScenarioRunner.StepFailedException e) {
                run.failure = e.getMessage();
                log.accept(e.getMessage());
            } catch (RuntimeException e) {
                run.failure = "scenario " + scenario.name() + " failed: " + e;
                log.accept(run.failure);
            } finally {
                run.finished.countDown();
            }
        }, "scenario-" + scenario.name());
        thread.setDaemon(true);
        run.thread = thread;
        thread.start();
        return run;
    }

    /** The account with scenario id {@code id}. */
    public Account account(String id) {
        return cast.account(id);
    }

    /** The contact with scenario id {@code id} (also {@code filehelper}/{@code weixin}, and friend requesters once made). */
    public Contact contact(String id) {
        return cast.findAnyContact(id).orElseThrow(() -> new IllegalArgumentException("no contact " + id));
    }

    /** What the steps did so far, in order. */
    public List<StepOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Waits until the script has ended (every step done, a step failed, or closed); false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Why the script ended early (naming file, line and step), if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the script if it still runs and waits briefly for its thread. */
    @Override
    public void close() {
        Thread running = thread;
        if (running != null && running.isAlive()) {
            running.interrupt();
            try {
                running.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
