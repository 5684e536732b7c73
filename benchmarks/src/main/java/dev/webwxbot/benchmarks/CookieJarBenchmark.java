package dev.webwxbot.benchmarks;

import dev.webwxbot.core.internal.http.CookieJar;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cookie work of every webwxsync exchange: the answer refreshes five cookies (PROTOCOL.md 4.2, 10.1: wxloadtime,
 * wxpluginkey, wxuin, wxsid, webwx_data_ticket, each with an {@code Expires} date in the Web WeChat format), and the
 * next request carries the {@code Cookie} header built from the jar. The lines are those of one second of a busy
 * session: the expiry dates repeat until the clock moves on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CookieJarBenchmark {

    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final URI SYNC = URI.create("https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxsync?sid=x&lang=zh_CN");
    private static final URI SYNC_CHECK = URI.create("https://webpush.wx2.qq.com/cgi-bin/mmwebwx-bin/synccheck?r=1");

    private CookieJar jar;
    private List<String> syncAnswerCookies;

    @Setup
    public void setUp() {
        jar = new CookieJar();
        Instant now = Instant.now();
        String shortLived = EXPIRES.format(now.plusSeconds(12 * 3600));
        String uinLifetime = EXPIRES.format(now.plusSeconds(3 * 24 * 3600));
        syncAnswerCookies = List.of(
                "wxloadtime=1733560000_expired; Domain=wx2.qq.com; Path=/; Expires=" + shortLived + "; Secure",
                "wxpluginkey=1733561234; Domain=wx2.qq.com; Path=/; Expires=" + shortLived + "; Secure",
                "wxuin=1234567890; Domain=wx2.qq.com; Path=/; Expires=" + uinLifetime + "; Secure",
                "wxsid=AbCdEfGhIjKlMnOp; Domain=wx2.qq.com; Path=/; Expires=" + shortLived + "; Secure",
                "webwx_data_ticket=gSdEfGhIjKlMnOpQrStUvWxYz0123456789; Domain=.qq.com; Path=/; Expires="
                        + shortLived + "; Secure");
    }

    /** The Set-Cookie lines of one sync answer into the jar. */
    @Benchmark
    public CookieJar storeSyncAnswer() {
        jar.store(SYNC, syncAnswerCookies);
        return jar;
    }

    /** The Cookie header of the next synccheck (on the push host: the parent-domain cookies apply). */
    @Benchmark
    public Optional<String> headerForNextRequest() {
        return jar.cookieHeader(SYNC_CHECK);
    }
}
