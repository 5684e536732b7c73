package dev.webwxbot.store.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MediaPolicy;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.SearchQuery;
import dev.webwxbot.store.StoreSettings;
import dev.webwxbot.store.StoredMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How fast the message store takes messages and how long searches take over a large store (issue 15: "messages
 * stored per second and search time over 1,000,000 stored messages"). Everything goes through the public
 * {@link MessageStore} API, one {@link MessageStore#record} call per message, as the server does.
 *
 * <p>Phases, on a fresh store: (A) one writer records {@code bench.writes} messages; (B) {@code bench.writers}
 * virtual threads record as many again between them; (C) the same writers fill the store up to
 * {@code bench.messages} less {@code bench.writes}; (D) one writer records the last {@code bench.writes}, so A and
 * D compare an empty store with a full one. Then each search runs {@value #WARMUP} times unmeasured and
 * {@value #RUNS} times measured; its result is checked against what the generator knows it wrote (substring
 * matches counted on the generated text), so a fast wrong answer cannot pass. Last, (E) one writer records
 * {@code bench.writes} more through {@link MessageStore#recordAll} in batches of {@value #BATCH} (one transaction
 * each), the server's path for bursts.
 *
 * <p>The corpus is deterministic (seeded): texts of 3-12 words from an English and a Chinese vocabulary in roughly
 * equal parts, {@value #CHATS} chats over 2 accounts, a message every 30 s of store time, 80% text, the rest image,
 * file, link and voice events.
 *
 * <p>Not part of the normal build (the name does not end in Test). SQLite always; PostgreSQL too when
 * {@code WEBWX_TEST_POSTGRES_URL} (+ {@code _USER}, {@code _PASSWORD}) names an empty database. Run it with
 *
 * <pre>
 * mvn -B -o -pl store -am test -Dfuzz.skip -Dtest=StoreBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.messages=1000000] [-Dbench.writes=20000] [-Dbench.writers=16] [-Dbench.only=sqlite|postgresql]
 * </pre>
 *
 * The table is printed and written to {@code store/target/store-benchmark.md}.
 */
class StoreBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 1_000_000);
    private static final int WRITES = Integer.getInteger("bench.writes", 20_000);
    private static final int WRITERS = Integer.getInteger("bench.writers", 16);
    private static final String ONLY = System.getProperty("bench.only", "");
    private static final int BATCH = 100;
    private static final int WARMUP = 3;
    private static final int RUNS = 25;
    private static final int CHATS = 1_000;
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private static final String[] ENGLISH = ("the a bot group photo send tomorrow meeting lunch project release "
            + "deadline weekend coffee please thanks check update server deploy review ticket merge build test "
            + "budget invoice report travel flight hotel price order delivery package family dinner movie music "
            + "football weather rain sunny office remote question answer problem solved great today later morning "
            + "evening night call phone link file share download version change issue plan idea").split(" ");
    private static final String[] CHINESE = ("我们 明天 开会 午饭 项目 发布 截止 周末 咖啡 谢谢 请 检查 更新 服务器 部署 "
            + "评审 合并 构建 测试 预算 发票 报告 出差 机票 酒店 价格 订单 快递 家人 晚饭 电影 音乐 足球 天气 下雨 "
            + "晴天 办公室 远程 问题 回答 解决 很好 今天 稍后 早上 晚上 电话 链接 文件 分享 下载 版本 变化 计划 想法 "
            + "大家 收到 好的 没问题 哈哈 辛苦了").split(" ");
    /** Words the vocabulary never forms by itself, sprinkled at a known rate: the "rare" searches. */
    private static final String RARE_ENGLISH = "xylophonist";
    private static final String RARE_CHINESE = "量子纠缠";

    record Search(String name, Supplier<List<StoredMessage>> run, int expected) {}

    record Row(String phase, String value) {}

    @Test
    void measureWritesAndSearchesOverAMillionMessages() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Machine: %d cores, JDK %s, max heap %d MB; %,d messages, "
                        + "%,d single-writer writes, %d virtual-thread writers%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, MESSAGES, WRITES, WRITERS));
        assertTrue(MESSAGES >= 4 * WRITES, "bench.messages must be at least 4 x bench.writes");
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "store-bench");
        try {
            if (!ONLY.equals("postgresql")) {
                StoreSettings sqlite = new StoreSettings("jdbc:sqlite:" + dir.resolve("messages.db"), "", "",
                        dir.resolve("media-store"), new MediaPolicy.None(), Duration.ofDays(36_500), Long.MAX_VALUE);
                report.append(run("SQLite", sqlite));
                System.out.println(report);
            }
            String pgUrl = System.getenv("WEBWX_TEST_POSTGRES_URL");
            if (!ONLY.equals("sqlite") && pgUrl != null && !pgUrl.isBlank()) {
                StoreSettings postgres = new StoreSettings(pgUrl, env("WEBWX_TEST_POSTGRES_USER"),
                        env("WEBWX_TEST_POSTGRES_PASSWORD"), dir.resolve("pg-media-store"), new MediaPolicy.None(),
                        Duration.ofDays(36_500), Long.MAX_VALUE);
                report.append(run("PostgreSQL", postgres));
            } else if (!ONLY.equals("sqlite")) {
                report.append("PostgreSQL: not run (WEBWX_TEST_POSTGRES_URL not set)\n");
            }
        } finally {
            if (!Boolean.getBoolean("bench.keep")) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "store-benchmark.md"), report);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    private static String run(String vendor, StoreSettings settings) throws Exception {
        List<Row> rows = new ArrayList<>();
        Corpus corpus = new Corpus();
        try (MessageStore store = MessageStore.open(settings)) {
            assertEquals(0, store.stats().messages(), vendor + ": the benchmark needs an empty database");
            int a = WRITES;
            int b = 2 * WRITES;
            int c = MESSAGES - WRITES;
            rows.add(new Row("A: 1 writer, empty store", rate(a, () -> write(store, corpus, 0, a, 1))));
            rows.add(new Row("B: " + WRITERS + " virtual-thread writers", rate(WRITES,
                    () -> write(store, corpus, a, b, WRITERS))));
            rows.add(new Row("C: fill to " + String.format(Locale.ROOT, "%,d", c) + ", " + WRITERS + " writers",
                    rate(c - b, () -> write(store, corpus, b, c, WRITERS))));
            rows.add(new Row("D: 1 writer, full store", rate(WRITES, () -> write(store, corpus, c, MESSAGES, 1))));
            var stats = store.stats();
            assertEquals(MESSAGES, stats.messages(), vendor + ": every recorded message is counted once");

            StringBuilder out = new StringBuilder("### " + vendor + "\n\n");
            out.append(String.format(Locale.ROOT, "%,d messages, database %,d MB%n%n", stats.messages(),
                    stats.databaseBytes() >> 20));
            out.append("| writes | messages/s |\n|---|---|\n");
            rows.forEach(r -> out.append("| ").append(r.phase()).append(" | ").append(r.value()).append(" |\n"));
            StringBuilder searches = new StringBuilder("\n| search (limit) | matches expected | median ms | p95 ms"
                    + " | max ms |\n|---|---|---|---|---|\n");
            for (Search search : searches(store, corpus)) {
                searches.append(time(search));
            }
            // After the searches, so they ran over exactly bench.messages rows: the batched write of the server's
            // bursts (an initial sync, a busy group), one transaction per BATCH messages.
            String batched = rate(WRITES, () -> writeBatches(store, corpus, MESSAGES, MESSAGES + WRITES));
            assertEquals(MESSAGES + WRITES, store.stats().messages(), vendor + ": every batched message is counted");
            out.append("| E: 1 writer, recordAll of ").append(BATCH).append(", full store | ").append(batched)
                    .append(" |\n");
            return out.append(searches).append('\n').toString();
        }
    }

    private static List<Search> searches(MessageStore store, Corpus corpus) {
        String account = Corpus.account(0);
        int chatNumber = 6; // a group chat of account 0
        String chat = Corpus.chatId(chatNumber);
        int limit = 50;
        List<Search> list = new ArrayList<>();
        list.add(new Search("English, rare word (" + limit + ")",
                () -> store.search(SearchQuery.text(RARE_ENGLISH).limit(limit)),
                Math.min(limit, corpus.count(RARE_ENGLISH, -1))));
        list.add(new Search("English, rare word, every match (1000)",
                () -> store.search(SearchQuery.text(RARE_ENGLISH).limit(1_000)),
                Math.min(1_000, corpus.count(RARE_ENGLISH, -1))));
        list.add(new Search("English, common word 'deploy' (" + limit + ")",
                () -> store.search(SearchQuery.text("deploy").limit(limit)),
                Math.min(limit, corpus.count("deploy", -1))));
        list.add(new Search("English, two words 'coffee please' (both, anywhere) (" + limit + ")",
                () -> store.search(SearchQuery.text("coffee please").limit(limit)),
                Math.min(limit, corpus.count("coffee please", -1))));
        list.add(new Search("Chinese, rare 4 chars (" + limit + ")",
                () -> store.search(SearchQuery.text(RARE_CHINESE).limit(limit)),
                Math.min(limit, corpus.count(RARE_CHINESE, -1))));
        list.add(new Search("Chinese, common 3 chars '服务器' (" + limit + ")",
                () -> store.search(SearchQuery.text("服务器").limit(limit)),
                Math.min(limit, corpus.count("服务器", -1))));
        list.add(new Search("Chinese, 2 chars '明天' (LIKE fallback) (" + limit + ")",
                () -> store.search(SearchQuery.text("明天").limit(limit)),
                Math.min(limit, corpus.count("明天", -1))));
        list.add(new Search("Chinese, 2 chars, one chat (" + limit + ")",
                () -> store.search(SearchQuery.text("明天").account(account).chat(chat).limit(limit)),
                Math.min(limit, corpus.count("明天", chatNumber))));
        list.add(new Search("English common word, one chat (" + limit + ")",
                () -> store.search(SearchQuery.text("deploy").account(account).chat(chat).limit(limit)),
                Math.min(limit, corpus.count("deploy", chatNumber))));
        list.add(new Search("latest " + limit + " of one chat",
                () -> store.latest(account, chat, limit), Math.min(limit, corpus.count("", chatNumber))));
        return list;
    }

    private static String time(Search search) {
        List<StoredMessage> found = List.of();
        for (int i = 0; i < WARMUP; i++) {
            found = search.run().get();
        }
        assertEquals(search.expected(), found.size(), search.name() + ": number of results");
        for (int i = 1; i < found.size(); i++) {
            assertTrue(!found.get(i).time().isAfter(found.get(i - 1).time()), search.name() + ": newest first");
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long began = System.nanoTime();
            search.run().get();
            nanos[i] = System.nanoTime() - began;
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", search.name(), search.expected(),
                nanos[RUNS / 2] / 1e6, nanos[(int) Math.ceil(RUNS * 0.95) - 1] / 1e6, nanos[RUNS - 1] / 1e6);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static String rate(int count, Work work) throws Exception {
        long began = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - began) / 1e9;
        return String.format(Locale.ROOT, "%,.0f (%,d in %.1f s)", count / seconds, count, seconds);
    }

    private static void writeBatches(MessageStore store, Corpus corpus, int from, int to) {
        for (int i = from; i < to; i += BATCH) {
            List<StoredMessage> batch = new ArrayList<>(BATCH);
            for (int j = i; j < Math.min(to, i + BATCH); j++) {
                batch.add(corpus.message(j));
            }
            assertEquals(batch.size(), store.recordAll(batch), "every message of a batch is new");
        }
    }

    /** Records messages [from, to) with {@code writers} virtual threads, each taking every writers-th index. */
    private static void write(MessageStore store, Corpus corpus, int from, int to, int writers) throws Exception {
        if (writers == 1) {
            for (int i = from; i < to; i++) {
                store.record(corpus.message(i));
            }
            return;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = from + w;
                done.add(threads.submit(() -> {
                    for (int i = first; i < to; i += writers) {
                        store.record(corpus.message(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** The deterministic corpus: message i is the same on every call and every run. */
    static final class Corpus {

        static String account(int n) {
            return "bench-account-" + n;
        }

        static String chatId(int n) {
            return (n % 3 == 0 ? "@@group" : "@friend") + String.format(Locale.ROOT, "%08x", n * 2_654_435_761L);
        }

        StoredMessage message(int i) {
            SplittableRandom random = new SplittableRandom(0x5eed_0000_0000L + i);
            int chat = random.nextInt(CHATS);
            String account = account(chat % 2);
            boolean group = chat % 3 == 0;
            String sender = group ? "@member" + random.nextInt(200) : chatId(chat);
            int kindDraw = random.nextInt(100);
            String kind = kindDraw < 80 ? "message.text" : kindDraw < 88 ? "message.image"
                    : kindDraw < 93 ? "message.file" : kindDraw < 98 ? "message.link" : "message.voice";
            String text = switch (kind) {
                case "message.text", "message.link" -> words(random);
                case "message.file" -> "report-" + random.nextInt(10_000) + ".pdf";
                default -> "";
            };
            boolean out = random.nextInt(10) == 0;
            String msgId = Long.toString(1_000_000_000_000L + i);
            return new StoredMessage(0, account, out ? Direction.OUT : Direction.IN, kind, msgId,
                    out ? "local-" + i : "", chatId(chat), (group ? "群聊 " : "Friend ") + chat,
                    out ? "@self" : sender, out ? "Bot" : "Member " + sender.hashCode() % 1000,
                    group && !out ? "在群里的名字" : "", EPOCH.plusSeconds(30L * i), text,
                    "{\"type\":\"" + kind + "\",\"text\":\"" + text + "\"}", Optional.empty(),
                    out ? "sent" : "received", "");
        }

        private static String words(SplittableRandom random) {
            int n = 3 + random.nextInt(10);
            boolean chinese = random.nextBoolean();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < n; w++) {
                if (random.nextInt(20_000) == 0) {
                    text.append(chinese ? "" : w > 0 ? " " : "").append(chinese ? RARE_CHINESE : RARE_ENGLISH);
                } else if (chinese) {
                    text.append(CHINESE[random.nextInt(CHINESE.length)]);
                } else {
                    text.append(w > 0 ? " " : "").append(ENGLISH[random.nextInt(ENGLISH.length)]);
                }
                if (!chinese && text.charAt(text.length() - 1) != ' ' && w + 1 < n && random.nextInt(8) == 0) {
                    text.append(',');
                }
            }
            return text.toString();
        }

        private String[] texts;
        private int[] chats;

        /**
         * Messages whose text contains every word of {@code words} (case-insensitive substrings, as
         * {@link SearchQuery} defines), of every chat or of chat number {@code chat}.
         */
        int count(String words, int chat) {
            if (texts == null) {
                texts = new String[MESSAGES];
                chats = new int[MESSAGES];
                for (int i = 0; i < MESSAGES; i++) {
                    StoredMessage m = message(i);
                    texts[i] = m.text().toLowerCase(Locale.ROOT);
                    chats[i] = new SplittableRandom(0x5eed_0000_0000L + i).nextInt(CHATS);
                }
            }
            String[] lower = words.toLowerCase(Locale.ROOT).strip().split("\\s+");
            int count = 0;
            for (int i = 0; i < MESSAGES; i++) {
                String text = texts[i];
                if ((chat < 0 || chats[i] == chat) && Arrays.stream(lower).allMatch(text::contains)) {
                    count++;
                }
            }
            return count;
        }
    }
}
