package dev.webwxbot.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.ServerSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import javax.management.ObjectName;

/**
 * What both daemon benchmarks need: a daemon on the emulator, the API as a program calls it (JDK HTTP client,
 * bearer token), logging accounts in by their emulator phones, heap after GC and class histograms, percentiles.
 */
final class BenchSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    private BenchSupport() {
    }

    /** Starts a daemon on {@code emulator} with {@code config} (HOCON) over the module's defaults. */
    static BotServer startDaemon(Emulator emulator, Path dir, Path data, String config) throws IOException {
        return BotServer.start(new ServerSettings(Optional.of(URI.create(emulator.baseUrl())), data,
                Files.createDirectories(dir.resolve("plugins"))), config(config), (account, progress) -> { });
    }

    static Config config(String text) {
        return ConfigFactory.parseString(text).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    /** The HTTP API with the daemon's generated token; one shared client whose callers are virtual threads. */
    record Api(HttpClient http, String base, String token) implements AutoCloseable {

        @Override
        public void close() {
            http.close();
        }

        static Api from(Path dataDir) throws IOException {
            String url = JSON.readTree(Files.readString(dataDir.resolve("api.json"))).get("url").asText();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            return new Api(http, url, Files.readString(dataDir.resolve("api-token")).strip());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
            return http.send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String path) throws IOException, InterruptedException {
            HttpResponse<String> answer = get(path);
            if (answer.statusCode() != 200) throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
            return JSON.readTree(answer.body());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
        }
    }

    /**
     * Logs every account in by its phone, as an operator would: reads each one's QR link from the single
     * {@code GET /api/v1/accounts}, scans and confirms it on that account's emulator phone (each on its own virtual
     * thread, all at once), until every one is ONLINE.
     *
     * @param phones the emulator account of each daemon account id
     * @return seconds until all were online
     */
    static double logInAll(Api api, Map<String, Account> phones, Duration timeout) throws Exception {
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        Set<String> scanned = new HashSet<>();
        Map<String, String> last = new HashMap<>();
        while (System.nanoTime() < deadline) {
            int online = 0;
            for (JsonNode account : api.json("/api/v1/accounts").get("accounts")) {
                String id = account.get("id").asText();
                Account phone = phones.get(id);
                if (phone == null) continue;
                String state = account.get("state").asText();
                last.put(id, state);
                if (state.equals("ONLINE")) {
                    online++;
                } else if (state.equals("LOGGED_OUT")) {
                    throw new AssertionError("account " + id + " failed to log in: " + account);
                } else if (account.hasNonNull("qrUrl")) {
                    String url = account.get("qrUrl").asText();
                    String uuid = url.substring(url.lastIndexOf('/') + 1);
                    if (scanned.add(uuid)) {
                        Thread.startVirtualThread(() -> {
                            phone.phone().scan(uuid);
                            phone.phone().confirm();
                        });
                    }
                }
            }
            if (online == phones.size()) return (System.nanoTime() - began) / 1e9;
            Thread.sleep(100);
        }
        Map<String, Integer> states = new HashMap<>();
        last.values().forEach(s -> states.merge(s, 1, Integer::sum));
        throw new AssertionError("not every account came online within " + timeout + ": " + states);
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes per class from a full-GC class histogram (the DiagnosticCommand MBean: no external jcmd). */
    static Map<String, Long> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 4 || !cols[0].endsWith(":")) continue;
            bytes.merge(cols[3], Long.parseLong(cols[2]), Long::sum);
        }
        return bytes;
    }

    static String machine() {
        return String.format(Locale.ROOT, "%d cores, JDK %s (%s), max heap %d MB, load average %.2f",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Open sockets of this process (Linux: /proc/self/fd); both ends of a loopback connection count. */
    static long openSockets() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Both ends of every loopback connection live in this JVM, so this counts each connection twice. */
    static String fileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount() + " / " + unix.getMaxFileDescriptorCount();
        }
        return "n/a";
    }

    /** Nearest-rank quantile; -1 for no values. */
    static long quantile(List<Long> values, double q) {
        if (values.isEmpty()) return -1;
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String ms(List<Long> nanos, double q) {
        return String.format(Locale.ROOT, "%.2f", quantile(nanos, q) / 1e6);
    }

    static void row(StringBuilder out, String name, String format, Object... args) {
        out.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, format, args)).append(" |\n");
    }

    static void write(String file, String report) throws IOException {
        Path out = Path.of("target", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
