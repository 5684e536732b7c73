package dev.webwxbot.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.core.chain.ChainSettings;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.emulator.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests a plugin the way its users meet it: in chats. One emulated WeChat and one logged-in bot per test class;
 * the plugin's handlers, loaded from their classes (no jar, no daemon) and configured as the bot configures a
 * plugin, run in the real chain, and a test says what a friend or group member writes and asserts what the bot
 * answered, that it stayed silent, or what the chain's trace says.
 *
 * <pre>{@code
 * class PingHandlerTest {
 *     @RegisterExtension
 *     static final PluginTestKit bot = PluginTestKit.forPlugin("ping")
 *             .config("plugins.ping.answer = \"pong {sender}\"")
 *             .build();
 *
 *     @Test
 *     void answersPing() {
 *         bot.friend("Alice").says("ping").expectReply().hasText("pong Alice");
 *     }
 *
 *     @Test
 *     void staysSilentOnOtherText() {
 *         bot.friend("Alice").says("hello").expectNoReply();
 *     }
 * }
 * }</pre>
 *
 * <p>Handlers are those given to {@link Builder#handlers}, or, with none given, one new instance of every
 * {@code @Extension} handler listed in {@code META-INF/extensions.idx} on the test class path. The plugin's
 * settings are its {@code plugins.<id>} block of {@link Builder#config} over the {@code reference.conf} found on
 * the class path, read as the bot reads them; a plugin that rejects them fails the class with its own message.
 *
 * <p>Registered as a {@code static} field the kit logs in once before the class's tests and logs out after them;
 * between tests it waits until the chain is done with every message and restores the class's configuration, but
 * the handler instances (and whatever they remember) stay. As an instance field it starts a bot per test. It can
 * also be used without JUnit: {@link #start()}, then {@link #close()}. Thread-safe.
 */
public final class PluginTestKit implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {

    private static final String CONFIG_ORIGIN = "PluginTestKit config(...)";

    private final String pluginId;
    private final List<MessageHandler> handlers;
    private final List<String> config;
    private final Duration replyTimeout;
    private final Optional<Instant> clockStart;
    private volatile KitWorld world;
    private volatile Outbox outbox;
    private volatile Said last;
    private volatile boolean reconfigured;
    private int classLevels;
    private boolean startedForTest;

    private PluginTestKit(Builder builder) {
        this.pluginId = builder.pluginId;
        this.handlers = List.copyOf(builder.handlers);
        this.config = List.copyOf(builder.config);
        this.replyTimeout = builder.replyTimeout;
        this.clockStart = builder.clockStart;
    }

    /** A kit for the plugin whose configuration block is {@code plugins.<pluginId>}. */
    public static Builder forPlugin(String pluginId) {
        return new Builder(pluginId);
    }

    /** How a kit is set up; {@link #build()} makes it, nothing starts before the tests do. Not thread-safe. */
    public static final class Builder {
        private final String pluginId;
        private final List<MessageHandler> handlers = new ArrayList<>();
        private final List<String> config = new ArrayList<>();
        private Duration replyTimeout = Duration.ofSeconds(5);
        private Optional<Instant> clockStart = Optional.empty();

        private Builder(String pluginId) {
            Objects.requireNonNull(pluginId, "pluginId");
            if (pluginId.isBlank()) throw new IllegalArgumentException("the plugin id must not be blank");
            this.pluginId = pluginId;
        }

        /** The plugin's handlers; without this, the {@code @Extension} handlers on the class path are created. */
        public Builder handlers(MessageHandler... instances) {
            for (MessageHandler handler : instances) handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * HOCON as in the bot's configuration file, e.g. {@code plugins.ping.answer = "pong"}: the plugin's block
         * {@code plugins.<id>} (over its {@code reference.conf}) and optionally {@code webwx-bot.chain} (time
         * budget, breaker). Later calls win over earlier ones.
         */
        public Builder config(String hocon) {
            config.add(Objects.requireNonNull(hocon, "hocon"));
            return this;
        }

        /** How long an expectation waits for the bot (default 5 s). */
        public Builder replyTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
            replyTimeout = timeout;
            return this;
        }

        /**
         * The plugin's time (its runtime's {@code clock()} and the time its scheduled jobs run by) stands still at
         * {@code start} until a test moves it with {@link #advanceClock}; without this it is the real time. Messages
         * and the chain keep the real time.
         */
        public Builder manualClock(Instant start) {
            clockStart = Optional.of(Objects.requireNonNull(start, "start"));
            return this;
        }

        public PluginTestKit build() {
            return new PluginTestKit(this);
        }
    }

    /**
     * Configures the plugin, then starts the emulator and logs the bot in (about a second).
     *
     * @throws InvalidSettingsException naming the key when the plugin's settings are invalid or it rejects them
     * @throws IllegalArgumentException when {@link Builder#config} is not HOCON or sets keys the kit does not read
     * @throws IllegalStateException when no handler is given or found, or the bot cannot log in
     */
    public synchronized void start() {
        if (world != null) throw new IllegalStateException("the kit for plugin '" + pluginId + "' is already started");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = PluginTestKit.class.getClassLoader();
        List<MessageHandler> chain = handlers.isEmpty() ? PluginClasses.discover(loader) : handlers;
        Config operator = operatorConfig(config);
        Config reference = PluginClasses.reference(pluginId, chain, loader);
        ChainSettings settings = operator.hasPath("webwx-bot.chain")
                ? ChainSettings.read(operator.getConfig("webwx-bot.chain")) : ChainSettings.defaults();
        world = KitWorld.start(pluginId, chain, reference, settings, operator, replyTimeout,
                clockStart.map(ManualClock::startingAt));
        outbox = new Outbox(world);
    }

    /** Logs the bot out and stops the emulator; a kit that never started has nothing to close. */
    @Override
    public synchronized void close() {
        KitWorld running = world;
        world = null;
        outbox = null;
        last = null;
        if (running != null) running.close();
    }

    /** The friend called {@code name}; created on first use, the same person for the rest of the class. */
    public Friend friend(String name) {
        KitWorld running = world();
        return new Friend(new Speaker(this, running, name, running.person(Objects.requireNonNull(name, "name")), null, null));
    }

    /** The group called {@code name} with these members (friends of the bot); created on first use. */
    public Group group(String name, String... memberNames) {
        KitWorld running = world();
        return new Group(this, running, name, running.group(Objects.requireNonNull(name, "name"), Arrays.asList(memberNames)));
    }

    /**
     * Someone called {@code name} adds the bot's account as a friend while it is online: the bot gets a
     * {@code ContactAdded} (and the grey line "… added you" as a message). {@code friend(name)} is them from then on.
     *
     * @throws IllegalArgumentException when the test already named a friend so
     */
    public Happening newFriend(String name) {
        KitWorld running = world();
        return new WorldChanges(this, running).befriend(name);
    }

    /**
     * A stranger called {@code name} asks to become the bot's friend, with {@code greeting} as the verification
     * text; returns once the bot has the request.
     *
     * @throws IllegalArgumentException when the test already named a friend so
     */
    public FriendRequestSent friendRequest(String name, String greeting) {
        KitWorld running = world();
        dev.webwxbot.emulator.Contact requester = running.askToBeFriends(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(greeting, "greeting"));
        String msgId = running.requestMsgId(requester).orElseThrow(() -> new AssertionError("expected the bot to"
                + " receive " + name + "'s friend request, but it did not within " + running.timeout().toMillis() + " ms"));
        Said said = new Said(running, msgId, requester, name, name + "'s friend request " + Words.quote(greeting));
        remember(said);
        return new FriendRequestSent(this, running, name, requester, said);
    }

    /**
     * The next message the bot sends to the chat called {@code chatName} (a friend, a group, {@code filehelper}) that
     * this test has not taken yet, whatever made it send: a scheduled job, a login, the later steps of a rule.
     * Waits up to the reply timeout.
     *
     * @throws AssertionError when nothing more was sent there in time
     */
    public Reply expectMessageTo(String chatName) {
        world();
        return outbox.next(Objects.requireNonNull(chatName, "chatName"));
    }

    /**
     * Moves the plugin's manual clock on by {@code amount}, runs the scheduled jobs that are then due and waits (up to
     * the reply timeout) until those runs have ended, so what they sent is there to {@link #expectMessageTo expect}.
     * A run still going after the timeout is left to go on; as in the daemon, a job still running when its next time
     * comes skips that time.
     *
     * @throws IllegalStateException when the kit was built without {@link Builder#manualClock}
     */
    public void advanceClock(Duration amount) {
        KitWorld running = world();
        ManualClock clock = running.clock().orElseThrow(() -> new IllegalStateException("the kit has no manual"
                + " clock: build it with manualClock(start)"));
        clock.advance(Objects.requireNonNull(amount, "amount"));
        running.plugin().clockMovedAndSettled(running.timeout());
    }

    /**
     * Changes the plugin's configuration for the rest of this test, as an operator's live edit does: the class's
     * {@link Builder#config} with {@code hocon} over it is handed to the plugin's handlers again. The class's
     * configuration comes back after the test.
     *
     * @throws InvalidSettingsException naming the key when the plugin rejects it
     */
    public void reconfigure(String hocon) {
        KitWorld running = world();
        List<String> changed = new ArrayList<>(config);
        changed.add(Objects.requireNonNull(hocon, "hocon"));
        Config operator = operatorConfig(changed);
        reconfigured = true;
        running.plugin().reconfigure(operator);
    }

    /** The trace of the last message said (or change made) in this test, waiting until the chain is done with it. */
    public DispatchTrace lastTrace() {
        Said said = last;
        if (said == null) throw new IllegalStateException("nobody has said anything yet in this test");
        return said.trace();
    }

    /** The bot's address book as its session knows it, as a plugin sees it through {@code bot().contacts()}. */
    public List<Contact> contacts() {
        return world().bot().contacts().all();
    }

    /** The id of the plugin under test. */
    public String pluginId() {
        return pluginId;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        // Nested test classes see the outer class's static kit again: one bot for all of them.
        if (classLevels++ == 0) start();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--classLevels == 0) close();
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (world == null) {
            start();
            startedForTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        KitWorld running;
        synchronized (this) {
            if (startedForTest) {
                startedForTest = false;
                close();
                return;
            }
            running = world;
        }
        if (running == null) return;
        running.settle();
        // A question the plugin asked and nobody answered must not take the next test's message.
        running.plugin().cancelConversations("the test ended");
        last = null;
        outbox.reset();
        if (reconfigured) {
            reconfigured = false;
            running.plugin().reconfigure(operatorConfig(config));
        }
    }

    void remember(Said said) {
        last = said;
    }

    private KitWorld world() {
        KitWorld running = world;
        if (running == null) {
            throw new IllegalStateException("the kit for plugin '" + pluginId + "' is not started: register it with"
                    + " @RegisterExtension on a static field, or call start()");
        }
        return running;
    }

    /** The texts given to config(...), merged (later ones win) and checked to set only what the kit reads. */
    private Config operatorConfig(List<String> texts) {
        Config merged = ConfigFactory.empty();
        try {
            for (String text : texts) {
                merged = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(CONFIG_ORIGIN))
                        .withFallback(merged);
            }
            merged = merged.resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config(...) is not valid HOCON: " + e.getMessage(), e);
        }
        String block = ConfigUtil.joinPath("plugins", pluginId);
        for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
            String key = entry.getKey();
            boolean plugin = key.equals(block) || key.startsWith(block + ".");
            boolean chain = key.startsWith("webwx-bot.chain.");
            if (!plugin && !chain) {
                throw new IllegalArgumentException("config(...) sets " + key + ", which the kit does not read: the"
                        + " plugin's settings go under " + block + " (" + block + ".<key> = ...), the chain's under"
                        + " webwx-bot.chain");
            }
        }
        if (merged.hasPathOrNull(block) && merged.getValue(block).valueType() != ConfigValueType.OBJECT) {
            throw new InvalidSettingsException(block, "must be a block { ... }");
        }
        return merged;
    }
}
