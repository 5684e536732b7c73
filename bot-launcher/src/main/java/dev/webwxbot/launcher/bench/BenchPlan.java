package dev.webwxbot.launcher.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one benchmark run does. Immutable.
 *
 * @param rates          fixed offered rates, messages per second, each a phase of {@code phaseSeconds}
 * @param phaseSeconds   how long each fixed-rate phase injects (its messages: rate × seconds, at least 1)
 * @param closedMessages messages of the closed-loop phase (0: no closed loop)
 * @param window         the closed loop's bound of unanswered messages
 * @param warmup         messages answered before any phase is measured (a closed loop of {@code window})
 * @param friends        friends of each client's account; messages come from them in turn
 * @param coldStarts     starts to the QR code per client (0: none)
 * @param accounts       accounts of the many-account daemon (0: that part is skipped)
 * @param accountsRates  fixed total rates of the many-account daemon, spread over its accounts in turn
 * @param settleQuiet    after a phase's last message: stop waiting for answers once none came for this long
 * @param maxSettle      … and in any case after this long
 * @param javaOpts       JVM options of our daemon ({@code WEBWX_JAVA_OPTS}); empty: the distribution's defaults
 * @param distHome       the unpacked distribution whose {@code bin/webwx-bot run} is measured
 * @param wechat4uHome   a folder with wechat4u installed ({@code node_modules/wechat4u}), {@code bot.js} and
 *                       {@code loopback.js}
 * @param workDir        configuration, data folders, logs and the clients' output (kept for reading afterwards)
 */
record BenchPlan(List<Double> rates, double phaseSeconds, int closedMessages, int window, int warmup,
                        int friends, int coldStarts, int accounts, List<Double> accountsRates, Duration settleQuiet,
                        Duration maxSettle, Optional<String> javaOpts, Path distHome, Path wechat4uHome,
                        Path workDir) {

    BenchPlan {
        rates = List.copyOf(rates);
        accountsRates = List.copyOf(accountsRates);
        if (!(phaseSeconds > 0)) throw new IllegalArgumentException("phase seconds must be above 0, was " + phaseSeconds);
        if (closedMessages < 0 || warmup < 0 || coldStarts < 0 || accounts < 0) {
            throw new IllegalArgumentException("message, start and account counts must not be negative");
        }
        if (window < 1) throw new IllegalArgumentException("window must be at least 1, was " + window);
        if (friends < 1) throw new IllegalArgumentException("friends must be at least 1, was " + friends);
        if (rates.isEmpty() && closedMessages == 0) {
            throw new IllegalArgumentException("nothing to measure: give rates or closed-loop messages");
        }
        if (accounts > 0 && accountsRates.isEmpty()) {
            throw new IllegalArgumentException("a many-account run needs at least one rate");
        }
        Objects.requireNonNull(settleQuiet, "settleQuiet");
        Objects.requireNonNull(maxSettle, "maxSettle");
        if (settleQuiet.isNegative() || settleQuiet.isZero() || maxSettle.compareTo(settleQuiet) < 0) {
            throw new IllegalArgumentException("need 0 < settle quiet period <= max settle time");
        }
        Objects.requireNonNull(javaOpts, "javaOpts");
        Objects.requireNonNull(distHome, "distHome");
        Objects.requireNonNull(wechat4uHome, "wechat4uHome");
        Objects.requireNonNull(workDir, "workDir");
    }

    /** The measured phases of one client: every fixed rate, then the closed loop. */
    List<Load> loads() {
        List<Load> loads = new java.util.ArrayList<>(fixedRates(rates));
        if (closedMessages > 0) loads.add(new Load.ClosedLoop(window, closedMessages));
        return loads;
    }

    /** The measured phases of the many-account daemon. */
    List<Load> accountsLoads() {
        return fixedRates(accountsRates);
    }

    private List<Load> fixedRates(List<Double> perSecond) {
        return perSecond.stream().<Load>map(rate ->
                new Load.FixedRate(rate, (int) Math.max(1, Math.round(rate * phaseSeconds)))).toList();
    }
}
