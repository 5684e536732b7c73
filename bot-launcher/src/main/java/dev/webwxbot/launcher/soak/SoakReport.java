package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.FaultKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a soak counted. Immutable.
 *
 * @param injected numbered messages the contacts wrote
 * @param answered numbers answered at least once, in the right chat
 * @param answeredTwice numbers answered more than once
 * @param lost numbers never answered
 * @param lostAroundRestarts of those, the ones in the backlog when a restart's signal went out (unanswered, and
 *     no later number of their chat answered) or written while the bot was down; the rest were skipped by a bot
 *     that went on answering their chat, i.e. their answer failed
 * @param extraAnswers answers beyond the first, summed over all numbers
 * @param misdirected answers carrying a number that went to another chat than the number's, or to no number
 *     the soak wrote
 * @param faults faults the emulator fired, by kind
 * @param kills SIGKILL restarts done
 * @param terms SIGTERM restarts done
 * @param termsNotHonoured SIGTERMs after which the bot was still running 30 s later and was killed
 * @param unexpectedExits times the bot exited without being told to (each followed by a start)
 * @param scans restarts after which the bot showed a QR code the phone had to scan
 * @param pushLogins restarts after which the phone had to confirm a push login
 * @param sendFailuresReported warnings the bots printed of a reply they could not send: a diagnostic that tells
 *     losses of failed sends from losses of restarts (a send whose answer was broken may still have arrived)
 * @param settledEarly true when every number was answered before the settle period ran out
 * @param wall the whole soak, from the first start to the last count
 * @param seed the plan's seed
 * @param workDir where the bot's logs and output are
 * @param lostSample up to 20 of the lost numbers, for looking them up in the logs
 */
public record SoakReport(int injected, int answered, int answeredTwice, int lost, int lostAroundRestarts,
                         long extraAnswers, long misdirected,
                         Map<FaultKind, Long> faults, int kills, int terms, int termsNotHonoured, int unexpectedExits,
                         int scans, int pushLogins, int sendFailuresReported, boolean settledEarly, Duration wall,
                         long seed, String workDir, List<Integer> lostSample) {

    public SoakReport {
        faults = Map.copyOf(faults);
        lostSample = List.copyOf(lostSample);
    }

    /** True when nothing was lost and nothing answered twice. */
    public boolean clean() {
        return lost == 0 && answeredTwice == 0 && misdirected == 0;
    }

    public long faultsFired() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line with every count, for a log, a CI summary or an assertion message. */
    public String summary() {
        String byKind = faults.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().wireName() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "soak: injected " + injected + ", answered " + answered + ", answered twice " + answeredTwice
                + ", lost " + lost
                + (lost == 0 ? "" : " (" + lostAroundRestarts + " in a restart's backlog, "
                        + (lost - lostAroundRestarts) + " otherwise)")
                + (misdirected == 0 ? "" : ", misdirected " + misdirected)
                + " | faults " + faultsFired() + (byKind.isEmpty() ? "" : " (" + byKind + ")")
                + " | restarts " + (kills + terms) + " (kill -9 " + kills + ", SIGTERM " + terms
                + (termsNotHonoured == 0 ? "" : ", SIGTERM not honoured " + termsNotHonoured)
                + ", unexpected exits " + unexpectedExits + ", scans " + scans + ", push logins " + pushLogins + ")"
                + " | failed sends reported by the bot " + sendFailuresReported
                + " | wall " + wall.toSeconds() + " s" + (settledEarly ? "" : " (settle period ran out)")
                + " | seed " + seed
                + (lostSample.isEmpty() ? "" : " | lost e.g. " + lostSample)
                + " | logs " + workDir;
    }
}
