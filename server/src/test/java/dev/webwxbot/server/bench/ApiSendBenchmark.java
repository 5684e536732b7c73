package dev.webwxbot.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.bench.BenchSupport.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text sends through the daemon's HTTP API against the same sends straight through {@code Bot.send}, in one run and
 * side by side (the machine is shared and noisy, so only ratios measured together mean much). One account of the
 * daemon, logged in on the emulator with send limits that never bind; then for each client count C, in rounds that
 * alternate the two modes:
 *
 * <ul>
 *   <li><b>API</b>: C virtual threads share one JDK {@code HttpClient} (HTTP/1.1 keep-alive, so C connections) and
 *       POST {@code {"to":"Friend 03","text":"..."}} to {@code /api/v1/accounts/bench/messages} until M messages
 *       went out; each request's latency is the time to its 200 receipt;
 *   <li><b>direct</b>: C virtual threads call {@code Bot.send} of the daemon's own account (chats resolved once), as
 *       a plugin would, until M messages went out.
 * </ul>
 *
 * Sends/s are the emulator's count of accepted sends ({@code Account.sentMessages()}) over the wall time of the
 * round. Chats are used round-robin: sends to one chat go out one at a time, so the friend count bounds how many
 * sends can be in flight at the server.
 *
 * <p>Not part of the normal build (the name does not end in Test). Run with
 *
 * <pre>
 * mvn -B -o -pl server test -Dtest=ApiSendBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dapisend.clients=8,32] [-Dapisend.messages=3000] [-Dapisend.rounds=3] [-Dapisend.friends=8]
 * </pre>
 *
 * The table is printed and written to {@code server/target/api-send-benchmark.md}. It fails (after printing) if a
 * send failed or the emulator did not count every one.
 */
class ApiSendBenchmark {

    private static final List<Integer> CLIENTS = Arrays.stream(System.getProperty("apisend.clients", "8,32").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private static final int MESSAGES = Integer.getInteger("apisend.messages", 3000);
    private static final int ROUNDS = Integer.getInteger("apisend.rounds", 3);
    private static final int FRIENDS = Integer.getInteger("apisend.friends", 8);
    private static final int WARMUP = Integer.getInteger("apisend.warmup", 2000);

    private static final String CONFIG = """
            webwx-bot {
              accounts { bench {} }
              send {
                global-per-minute = 1000000, global-burst = 10000
                per-chat-per-minute = 1000000, per-chat-burst = 10000
                min-gap = 0s, max-gap = 0s
                max-queued = 10000
              }
              drain-time = 2s
              api { enabled = true, port = 0 }
            }
            """;

    @TempDir
    Path dir;

    /** One mode's round. */
    private record Round(String mode, int clients, int messages, double seconds, int counted, List<Long> latency,
                         int failures, String firstFailure, long cpuNanos) {
        double perSecond() {
            return counted / seconds;
        }
    }

    /** Sends message number {@code i}; returns null when it was sent, else what went wrong. */
    private interface Sender {
        String send(int i) throws Exception;
    }

    @Test
    void apiSendsAgainstDirectBotSends() throws Exception {
        Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500)).maxRecordedRequests(0)
                .start();
        BotServer server = null;
        Api api = null;
        try {
            Account phone = emulator.addAccount("Bench bot");
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= FRIENDS; i++) {
                names.add(String.format(Locale.ROOT, "Friend %02d", i));
                phone.addFriend(names.getLast());
            }
            Path data = dir.resolve("data");
            server = BenchSupport.startDaemon(emulator, dir, data, CONFIG);
            api = Api.from(data);
            Api http = api;
            BenchSupport.logInAll(api, Map.of("bench", phone), Duration.ofSeconds(60));
            Bot bot = server.accounts().get("bench").orElseThrow().bot().orElseThrow();
            List<Contact> chats = names.stream().map(name -> bot.contacts().find(name).getFirst()).toList();

            Sender viaApi = i -> {
                String json = "{\"to\":\"" + names.get(i % names.size()) + "\",\"text\":\"api " + i + "\"}";
                HttpResponse<String> answer = http.post("/api/v1/accounts/bench/messages", json);
                return answer.statusCode() == 200 ? null : answer.statusCode() + " " + answer.body();
            };
            Sender direct = i -> {
                SendReceipt receipt = bot.send(chats.get(i % chats.size()), Outgoing.text("direct " + i));
                return receipt.ok() ? null : receipt.toString();
            };

            // JIT warm-up of both paths (Helidon, the HTTP client, Jackson, the session's send path); not reported.
            run("api", 8, WARMUP, phone, viaApi);
            run("direct", 8, WARMUP, phone, direct);

            List<Round> rounds = new ArrayList<>();
            for (int clients : CLIENTS) {
                for (int r = 0; r < ROUNDS; r++) {
                    // Alternate which goes first, so a drift of the machine's load favours neither.
                    if (r % 2 == 0) {
                        rounds.add(run("api", clients, MESSAGES, phone, viaApi));
                        rounds.add(run("direct", clients, MESSAGES, phone, direct));
                    } else {
                        rounds.add(run("direct", clients, MESSAGES, phone, direct));
                        rounds.add(run("api", clients, MESSAGES, phone, viaApi));
                    }
                }
            }
            String report = report(rounds, phone);
            System.out.println(report);
            BenchSupport.write("api-send-benchmark.md", report);
            for (Round round : rounds) {
                assertEquals(0, round.failures(), round.mode() + " with " + round.clients() + " clients: "
                        + round.firstFailure());
                assertEquals(round.messages(), round.counted(), "the emulator counted every " + round.mode() + " send");
            }
        } finally {
            if (api != null) api.close();
            if (server != null) server.close();
            emulator.close();
        }
    }

    /** {@code clients} virtual threads take message numbers from one counter until {@code messages} were sent. */
    private static Round run(String mode, int clients, int messages, Account phone, Sender sender) throws Exception {
        int before = phone.sentMessages().size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[] latency = new long[messages];
        long cpuBefore = BenchSupport.processCpuNanos();
        long began = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.startVirtualThread(() -> {
                for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    String failure;
                    try {
                        failure = sender.send(i);
                    } catch (Exception e) {
                        failure = e.toString();
                    }
                    latency[i] = System.nanoTime() - start;
                    if (failure != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        double seconds = (System.nanoTime() - began) / 1e9;
        long cpu = BenchSupport.processCpuNanos() - cpuBefore;
        // Every call returned after the server's answer, so the emulator has counted them all by now.
        int counted = phone.sentMessages().size() - before;
        return new Round(mode, clients, messages, seconds, counted, Arrays.stream(latency).boxed().toList(),
                failures.get(), firstFailure.get(), cpu);
    }

    private static String report(List<Round> rounds, Account phone) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(BenchSupport.machine()).append(String.format(Locale.ROOT,
                "; %d messages per round, %d rounds per mode, %d friends, %d warm-up sends per mode%n%n",
                MESSAGES, ROUNDS, FRIENDS, WARMUP));
        out.append("| clients | API sends/s (median; rounds) | direct sends/s (median; rounds) | API / direct "
                + "(median of rounds) | API request p50 / p99 | Bot.send p50 / p99 | CPU per send API / direct |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (int clients : CLIENTS) {
            List<Round> apiRounds = rounds.stream().filter(r -> r.clients() == clients && r.mode().equals("api")).toList();
            List<Round> directRounds = rounds.stream().filter(r -> r.clients() == clients && r.mode().equals("direct"))
                    .toList();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(apiRounds.size(), directRounds.size()); i++) {
                ratios.add(apiRounds.get(i).perSecond() / directRounds.get(i).perSecond());
            }
            List<Long> apiLatency = apiRounds.stream().flatMap(r -> r.latency().stream()).toList();
            List<Long> directLatency = directRounds.stream().flatMap(r -> r.latency().stream()).toList();
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.2f | %s / %s ms | %s / %s ms | %.2f / %.2f ms |%n",
                    clients, rates(apiRounds), rates(directRounds), BenchSupport.median(ratios),
                    BenchSupport.ms(apiLatency, 0.5), BenchSupport.ms(apiLatency, 0.99),
                    BenchSupport.ms(directLatency, 0.5), BenchSupport.ms(directLatency, 0.99),
                    cpuPerSend(apiRounds), cpuPerSend(directRounds)));
        }
        int failed = rounds.stream().mapToInt(Round::failures).sum();
        out.append(String.format(Locale.ROOT, "%nFailed sends: %d. Sends the emulator holds for the account: %d.%n",
                failed, phone.sentMessages().size()));
        return out.toString();
    }

    private static String rates(List<Round> rounds) {
        List<Double> perSecond = rounds.stream().map(Round::perSecond).toList();
        StringBuilder each = new StringBuilder();
        for (double value : perSecond) each.append(each.isEmpty() ? "" : ", ").append(Math.round(value));
        return String.format(Locale.ROOT, "**%d**; %s", Math.round(BenchSupport.median(perSecond)), each);
    }

    /** Process CPU (both sides of the wire: client, daemon, emulator) per send, in milliseconds. */
    private static double cpuPerSend(List<Round> rounds) {
        long cpu = rounds.stream().mapToLong(Round::cpuNanos).sum();
        int sends = rounds.stream().mapToInt(Round::counted).sum();
        return cpu / 1e6 / Math.max(1, sends);
    }
}
