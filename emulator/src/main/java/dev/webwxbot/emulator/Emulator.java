package dev.webwxbot.emulator;

import dev.webwxbot.emulator.internal.EmulatorServer;
import dev.webwxbot.emulator.internal.EmulatorSettings;
import dev.webwxbot.emulator.internal.RequestRecorder;
import dev.webwxbot.emulator.internal.TlsMaterial;
import dev.webwxbot.emulator.internal.World;
import dev.webwxbot.emulator.internal.fault.FaultPlan;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local Web WeChat server with a scriptable phone, listening on one port and dispatching on the {@code Host} header
 * (or, for a client that sends every request to {@code 127.0.0.1:PORT}, on the path; see
 * {@link Builder#loopbackClients}).
 *
 * <pre>{@code
 * try (Emulator emu = Emulator.builder().port(0).loginPollHold(Duration.ofSeconds(1)).start()) {
 *     Account bot = emu.addAccount("Bot");
 *     Contact alice = bot.addFriend("Alice");
 *     // ... point a client at emu.baseUrl(): real Host headers (login.wx.qq.com, wx.qq.com, ...) or its own
 *     String uuid = emu.awaitQrUuid(Duration.ofSeconds(5));
 *     bot.phone().scan(uuid);
 *     bot.phone().confirm();
 *     bot.awaitOnline(Duration.ofSeconds(5));
 *     alice.sendText("hello");
 *     SentMessage reply = bot.awaitSentMessage(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe. The caller that built it owns it and must {@link #close()} it (stops listening, frees threads).
 */
public final class Emulator implements AutoCloseable {
    private final World world;
    private final RequestRecorder recorder;
    private final EmulatorServer server;
    private final TlsMaterial tls;
    private final Faults faults;
    private final Runnable timeMoved;

    private Emulator(EmulatorSettings settings, TlsMaterial tls, long faultSeed) {
        this.world = new World(settings);
        this.timeMoved = world::timeMoved;
        this.recorder = new RequestRecorder(settings.maxRecordedRequests());
        this.tls = tls;
        FaultPlan plan = new FaultPlan(faultSeed);
        this.faults = new Faults(plan);
        this.server = EmulatorServer.start(world, recorder, plan, tls == null ? null : tls.serverContext());
        if (settings.clock() instanceof ManualClock manual) {
            manual.onAdvance(timeMoved);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return server.address().getPort();
    }

    /**
     * {@code http://<bind address>:<port>} ({@code https://} with {@link Builder#https}); send real host names in
     * {@code Host}, or send everything here as it is (a loopback client, {@link Builder#loopbackClients}).
     */
    public String baseUrl() {
        return (tls == null ? "http://" : "https://") + server.address().getAddress().getHostAddress() + ":" + port();
    }

    /** Whether this emulator speaks TLS ({@link Builder#https}). */
    public boolean isHttps() {
        return tls != null;
    }

    /** The CA that signed the server certificate, when speaking TLS; trust only this to reach the emulator. */
    public Optional<X509Certificate> caCertificate() {
        return Optional.ofNullable(tls).map(TlsMaterial::caCertificate);
    }

    /** {@link #caCertificate()} as PEM text (e.g. for {@code NODE_EXTRA_CA_CERTS}). */
    public Optional<String> caCertificatePem() {
        return Optional.ofNullable(tls).map(TlsMaterial::caCertificatePem);
    }

    /** Every host name the emulator answers for and its TLS certificate covers (PROTOCOL.md 1.1, 1.2). */
    public static List<String> hostNames() {
        return TlsMaterial.hostNames();
    }

    /** Adds an account (random uin and wxid, host family {@link HostFamily#WX}, filehelper and weixin built in). */
    public Account addAccount(String nickName) {
        return new Account(world, world.accounts().add(Objects.requireNonNull(nickName, "nickName")));
    }

    /**
     * Makes two accounts of this emulator friends of each other, and returns {@code b} as {@code a} knows them
     * ({@link Account#contactFor} gives the other side). From then on, what a web client of one sends to the other
     * (text, location, card, image, video, file, sticker) reaches the other's live sessions as an incoming message
     * from the sender, under the UserName that session knows the sender by, with a MsgId of its own; the sender's
     * own session still gets only its echo. A side that already has the other as a friend keeps that contact; a
     * live session hears of a new friend as of any other (ModContactList and the "added you" line).
     *
     * @throws IllegalArgumentException when {@code a} and {@code b} are the same account
     */
    public Contact befriend(Account a, Account b) {
        return new Contact(world, world.betweenAccounts().befriend(a.state(), b.state()).getFirst());
    }

    /**
     * A group that every one of {@code accounts} is in (two or more), with the same chatroom id in each account's
     * address book; in each the other accounts are members (as friends where they are friends, else strangers), and
     * the first account owns it. A web client of one account that sends in it reaches the others' live sessions from
     * the group, with the sender's prefix (PROTOCOL.md 9.2). Each account holds its own copy: later changes to one
     * copy (members added, renames) are made to that copy only. Returns the copies in the order of {@code accounts}.
     */
    public List<Contact> addGroup(String name, Account... accounts) {
        return world.betweenAccounts().addGroup(Objects.requireNonNull(name, "name"),
                        java.util.Arrays.stream(accounts).map(Account::state).toList())
                .stream().map(copy -> new Contact(world, copy)).toList();
    }

    public List<Account> accounts() {
        return world.accounts().list().stream().map(state -> new Account(world, state)).toList();
    }

    /** The newest uuid issued by jslogin that is not yet scanned nor expired; waits for one. */
    public String awaitQrUuid(Duration timeout) {
        return world.qrLogins().awaitUuid(timeout);
    }

    /**
     * Waits until a login poll for {@code uuid} is held: the client is waiting for the phone, so a scan, confirm,
     * cancel or expiry from now on answers that held poll (rather than the client's next one).
     */
    public void awaitHeldLoginPoll(String uuid, Duration timeout) {
        world.qrLogins().awaitHeldPoll(Objects.requireNonNull(uuid, "uuid"), timeout);
    }

    /** Expires a uuid now: held and later login polls answer {@code 400}. */
    public void expireQr(String uuid) {
        world.qrLogins().expire(uuid);
    }

    /** Scripted faults per endpoint (reset, stall, 5xx, duplicate delivery, forced codes …) and the log of those fired. */
    public Faults faults() {
        return faults;
    }

    /** Takes the oldest request not yet taken (control-API requests are not recorded); waits for one. */
    public RecordedRequest takeRequest(Duration timeout) {
        return recorder.take(timeout);
    }

    /** Every recorded request so far (up to the configured limit), oldest first. */
    public List<RecordedRequest> recordedRequests() {
        return recorder.history();
    }

    @Override
    public void close() {
        if (world.settings().clock() instanceof ManualClock manual) {
            manual.removeListener(timeMoved);
        }
        server.close();
        world.close();
    }

    /**
     * Settings of an {@link Emulator}. Defaults follow PROTOCOL.md 11.6. Not thread-safe; use from one thread.
     */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private Duration loginPollHold = Duration.ofSeconds(25);
        private Duration syncCheckHold = Duration.ofSeconds(25);
        private Duration uuidTtl = Duration.ofMinutes(5);
        private int cancelCode = 408;
        private boolean legacy301WithoutVersion;
        private boolean newLoginPage301ForDesktop = true;
        private boolean loopbackClients = true;
        private boolean hostOnlyCookies = true;
        private boolean secureCookiesOverHttp;
        private int contactPageSize = 300;
        private int batchGetContactCap = 50;
        private boolean batchGetContactOverCapFails;
        private boolean echoWebSentMessages = true;
        // Credentials are checked by default (PROTOCOL.md 2.9, 11.1): a client with a credentials bug fails here as live.
        private boolean strictSkey = true;
        private boolean strictPassTicket = true;
        private boolean strictCookies = true;
        private boolean foreignSyncCheckHostAnswers1100 = true;
        private boolean enforceApiHostFamily = true;
        private boolean secureCookies = true;
        private boolean emojiAsSpans = true;
        private Duration sessionIdleExpiry = Duration.ofMinutes(30);
        private int maxRequestBodyBytes = 4 * 1024 * 1024;
        private int maxRecordedRequests = 10_000;
        private boolean videoWithoutRangeIsEmpty = true;
        private Duration revokeWindow = Duration.ofMinutes(2);
        private final List<SendRateLimit> sendRateLimits = new ArrayList<>();
        private boolean https;
        private long faultSeed = new java.util.SplittableRandom().nextLong();
        private long uploadLimitBytes = 1024L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Local address to bind (default {@code 127.0.0.1}). */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Port to listen on; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How long a login poll is held before {@code 408} (default 25 s). */
        public Builder loginPollHold(Duration hold) {
            this.loginPollHold = hold;
            return this;
        }

        /** How long synccheck is held before {@code selector "0"} (default 25 s). */
        public Builder syncCheckHold(Duration hold) {
            this.syncCheckHold = hold;
            return this;
        }

        /** Lifetime of a QR uuid before the poll answers {@code 400} (Unsettled; default 5 min). */
        public Builder uuidTtl(Duration ttl) {
            this.uuidTtl = ttl;
            return this;
        }

        /** What the poll answers after "cancel": 408 (default, QR stays scannable) or 202 (Unsettled). */
        public Builder cancelCode(int code) {
            this.cancelCode = code;
            return this;
        }

        /**
         * Answer webwxnewloginpage with the legacy 301-without-Location (body and cookies still present) to every
         * client that does not send {@code version=v2}, as the real server historically did (PROTOCOL.md 2.5;
         * default off). A client that reads only 200 (Python's urllib, Go's http without the check off) then fails.
         * With {@code newLoginPage301ForDesktop(false)} this is exactly the rule of earlier versions.
         */
        public Builder legacy301WithoutVersion(boolean on) {
            this.legacy301WithoutVersion = on;
            return this;
        }

        /**
         * Answer webwxnewloginpage with the 301-without-Location to clients that mark themselves as the desktop
         * client ({@code mod=desktop} in the query or the UOS {@code extspam} header, PROTOCOL.md 2.6), 200 with the
         * same XML to every other client (default on). wechat4u takes only the 301 (2.5, client-notes); every
         * client that accepts a 301 here also sends the desktop mark, and plain web clients get the 200 they expect.
         */
        public Builder newLoginPage301ForDesktop(boolean on) {
            this.newLoginPage301ForDesktop = on;
            return this;
        }

        /**
         * Serve clients that send every request to the emulator's own address ({@code Host: 127.0.0.1:PORT}, or any
         * Host that is no WeChat host name) by routing on the path alone, and hand them the emulator's own
         * {@code scheme://Host} wherever the real server names a host (the login poll's {@code redirect_uri}, the
         * logout redirect, the upload CORS origin), so they never need a WeChat host name (default on). Clients that
         * send the real host names see exactly the real hosts either way. Off: such requests answer 404.
         */
        public Builder loopbackClients(boolean on) {
            this.loopbackClients = on;
            return this;
        }

        /**
         * Set cookies host-only (no {@code Domain}) for loopback clients (default on): a browser-like cookie jar on
         * {@code 127.0.0.1} rejects {@code Domain=wx.qq.com}, and the client would then fail synccheck with
         * {@code 1102}. Clients that send WeChat host names always get the captured {@code Domain} (PROTOCOL.md 1.5).
         */
        public Builder hostOnlyCookies(boolean on) {
            this.hostOnlyCookies = on;
            return this;
        }

        /**
         * Mark cookies {@code Secure} over plain HTTP too, as the captured lines read (default off: a cookie jar
         * withholds Secure cookies from {@code http://} URIs, so they would never come back). Only with
         * {@link #secureCookies} on.
         */
        public Builder secureCookiesOverHttp(boolean on) {
            this.secureCookiesOverHttp = on;
            return this;
        }

        /** Contacts per webwxgetcontact page (default 300). */
        public Builder contactPageSize(int size) {
            this.contactPageSize = size;
            return this;
        }

        /** Most entries webwxbatchgetcontact answers (Unsettled; default 50). */
        public Builder batchGetContactCap(int cap) {
            this.batchGetContactCap = cap;
            return this;
        }

        /** Over the cap: {@code Ret 1} when on, otherwise truncate (default truncate). */
        public Builder batchGetContactOverCapFails(boolean fails) {
            this.batchGetContactOverCapFails = fails;
            return this;
        }

        /** Deliver messages sent through webwxsendmsg back via webwxsync with FromUserName = self (default on). */
        public Builder echoWebSentMessages(boolean on) {
            this.echoWebSentMessages = on;
            return this;
        }

        /**
         * Require {@code BaseRequest.Skey} (or the skey query) to match the session, else {@code Ret 1100} (default
         * on; media downloads check a skey only when they send one, PROTOCOL.md 7).
         */
        public Builder strictSkey(boolean on) {
            this.strictSkey = on;
            return this;
        }

        /**
         * Require a present pass_ticket (other than {@code undefined}) to match in any encoding of PROTOCOL.md 0.4, else
         * {@code Ret 1100} (default on; uploads and downloads are never checked, as 0.4 says).
         */
        public Builder strictPassTicket(boolean on) {
            this.strictPassTicket = on;
            return this;
        }

        /**
         * Require {@code wxsid}/{@code wxuin} cookies matching the session on JSON calls and downloads too, else
         * {@code Ret 1102}, and the {@code webwx_data_ticket} field on uploads (default on; synccheck always
         * requires the cookies).
         */
        public Builder strictCookies(boolean on) {
            this.strictCookies = on;
            return this;
        }

        /**
         * Turns the three credential checks ({@link #strictSkey}, {@link #strictPassTicket}, {@link #strictCookies})
         * off at once: the session is then found by Sid+Uin, cookies or skey and nothing else is compared. For tests
         * about leniency, or clients known to be sloppy; the real server is not this forgiving.
         */
        public Builder lenientCredentials() {
            this.strictSkey = false;
            this.strictPassTicket = false;
            this.strictCookies = false;
            return this;
        }

        /** synccheck on a host that is not a push host of the session's family answers {@code 1100} (default on). */
        public Builder foreignSyncCheckHostAnswers1100(boolean on) {
            this.foreignSyncCheckHostAnswers1100 = on;
            return this;
        }

        /** JSON calls on an API host of another family answer {@code Ret 1100} (default on). */
        public Builder enforceApiHostFamily(boolean on) {
            this.enforceApiHostFamily = on;
            return this;
        }

        /**
         * Put {@code Secure} on Set-Cookie lines as the real server does, over TLS (default on; see
         * {@link #secureCookiesOverHttp} for plain HTTP). Off: never {@code Secure}.
         */
        public Builder secureCookies(boolean on) {
            this.secureCookies = on;
            return this;
        }

        /**
         * Write astral-plane emoji in received message {@code Content} as {@code <span class="emoji emoji1f604"></span>}
         * as the real server does (PROTOCOL.md 9.2; default on). Nicknames are always sent as plain text.
         */
        public Builder emojiAsSpans(boolean on) {
            this.emojiAsSpans = on;
            return this;
        }

        /** A session without any call for this long ends with {@code 1101} (Unsettled; default 30 min). */
        public Builder sessionIdleExpiry(Duration expiry) {
            this.sessionIdleExpiry = expiry;
            return this;
        }

        /** Largest accepted request body; larger ones get {@code 413} (default 4 MiB). */
        public Builder maxRequestBodyBytes(int bytes) {
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /** How many requests {@link #takeRequest} and {@link #recordedRequests} keep (default 10 000; 0 = none). */
        public Builder maxRecordedRequests(int count) {
            this.maxRecordedRequests = count;
            return this;
        }

        /**
         * Answer {@code webwxgetvideo} without a {@code Range} header with an empty {@code 200}, as clients report of
         * the real server (PROTOCOL.md 7, 11.5; the exact failure is Unsettled; default on). Off: the whole video.
         */
        public Builder videoWithoutRangeIsEmpty(boolean on) {
            this.videoWithoutRangeIsEmpty = on;
            return this;
        }

        /** How long after sending webwxrevokemsg succeeds; later it answers {@code Ret -1} (default 2 min, 5.7). */
        public Builder revokeWindow(Duration window) {
            this.revokeWindow = window;
            return this;
        }

        /**
         * Adds a frequency limit on the send endpoints: sends beyond it answer {@code Ret 1205} and are not
         * delivered (PROTOCOL.md 5.8, 11.3); see {@link Account#throttledSends()}. Several limits may be layered
         * (e.g. per minute and per hour). Default: none.
         */
        public Builder sendRateLimit(SendRateLimit limit) {
            this.sendRateLimits.add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * Speak TLS with a certificate made at start, signed by a fresh CA ({@link Emulator#caCertificate()}), for
         * every WeChat host name, {@code localhost} and {@code 127.0.0.1} (default off: plain HTTP).
         */
        public Builder https(boolean on) {
            this.https = on;
            return this;
        }

        /**
         * Seed of the random streams {@link Faults} rules with a probability draw from: the same seed, rules and
         * request order give the same faults (default: a random seed, readable from {@link Faults#seed()}).
         */
        public Builder seed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        /**
         * Largest file webwxcheckupload and webwxuploadmedia accept; larger ones answer {@code Ret -1} (PROTOCOL.md
         * 6.1 asks for a configurable limit; the real server's is not documented). Default 1 GiB.
         */
        public Builder uploadLimitBytes(long bytes) {
            this.uploadLimitBytes = bytes;
            return this;
        }

        /**
         * The emulator's time (default: the system clock): QR lifetimes ({@link #uuidTtl}), the revoke window,
         * session idle expiry, send-rate windows, message {@code CreateTime} and conversation times follow it. A test
         * passes a {@link ManualClock} and advances it instead of sleeping. How long long polls are held stays real
         * time ({@link #loginPollHold}, {@link #syncCheckHold}).
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts listening; the returned emulator must be closed. */
        public Emulator start() {
            return new Emulator(new EmulatorSettings(bindAddress, port, loginPollHold, syncCheckHold, uuidTtl,
                    cancelCode, legacy301WithoutVersion, contactPageSize, batchGetContactCap,
                    batchGetContactOverCapFails, echoWebSentMessages, strictSkey, strictPassTicket, strictCookies,
                    foreignSyncCheckHostAnswers1100, enforceApiHostFamily, secureCookies, emojiAsSpans, sessionIdleExpiry,
                    maxRequestBodyBytes, maxRecordedRequests, videoWithoutRangeIsEmpty, revokeWindow,
                    sendRateLimits, uploadLimitBytes, loopbackClients, hostOnlyCookies, secureCookiesOverHttp,
                    newLoginPage301ForDesktop, clock),
                    https ? TlsMaterial.generate() : null, faultSeed);
        }
    }
}
