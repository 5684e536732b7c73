package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.event.BotEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One plugin given as handler instances instead of a jar, run the way {@link PluginHost} runs a jar's plugin: its
 * block {@code plugins.<id>} of the operator's configuration merged over its defaults and read through
 * {@link ConfigPluginSettings}, the host's own keys of the block applied ({@code enabled}, {@code chats},
 * {@code priority}, {@code time-budget}, {@code accounts}), each handler's {@code configure} called on a virtual
 * thread within the host's limit, and the handlers run in a {@link PluginChain} of their own. What the plugin test
 * kit runs the plugin under test in.
 *
 * <pre>{@code
 * try (InProcessPlugin plugin = InProcessPlugin.start("hello", List.of(new HelloHandler()), reference,
 *         ChainSettings.defaults(), ConfigFactory.parseString("plugins.hello.greeting = hi"))) {
 *     DispatchTrace trace = plugin.dispatch(event, bot).get();
 * }
 * }</pre>
 *
 * <p>Unlike the host, which goes on without a misconfigured plugin, an invalid block is thrown to the caller: a
 * test wants to fail with the plugin's message, not run without the plugin. The plugin is then out of the chain
 * (its traces say why) until a valid configuration comes. Thread-safe: {@link #reconfigure} calls are serialised,
 * dispatching uses the chain as it was. The caller closes it.
 */
public final class InProcessPlugin implements AutoCloseable {


    private final String id;
    private final List<MessageHandler> handlers;
    private final Config reference;
    private final PluginChain chain;
    private final ReentrantLock lock = new ReentrantLock();

    private InProcessPlugin(String id, List<? extends MessageHandler> handlers, Config reference, ChainSettings settings) {
        this.id = Objects.requireNonNull(id, "id");
        this.handlers = List.copyOf(handlers);
        this.reference = Objects.requireNonNull(reference, "reference");
        if (this.handlers.isEmpty()) throw new IllegalArgumentException("plugin '" + id + "' has no handlers");
        this.chain = new PluginChain(settings, (pluginId, reason) -> { });
    }

    /**
     * Configures the handlers from {@code operator}'s {@code plugins.<id>} block over {@code reference} and puts
     * them in a chain of their own.
     *
     * @param reference the plugin's defaults: the block itself, as read from its {@code reference.conf}
     * @param operator the operator's configuration, resolved; only its {@code plugins.<id>} block is read
     * @throws InvalidSettingsException naming the key when the block is invalid or a handler rejects it
     */
    public static InProcessPlugin start(String id, List<? extends MessageHandler> handlers, Config reference,
                                        ChainSettings settings, Config operator) {
        InProcessPlugin plugin = new InProcessPlugin(id, handlers, reference, settings);
        try {
            plugin.reconfigure(operator);
        } catch (RuntimeException e) {
            plugin.close();
            throw e;
        }
        return plugin;
    }

    /** The plugin's id, the name of its configuration block. */
    public String id() {
        return id;
    }

    /**
     * Applies a changed configuration, as {@link PluginHost#reconfigure} does for a jar's plugin: the block is
     * handed again to every handler's {@code configure}.
     *
     * @throws InvalidSettingsException naming the key when the block is invalid or a handler rejects it; the plugin
     *     is then out of the chain until a valid configuration comes
     */
    public void reconfigure(Config operator) {
        Objects.requireNonNull(operator, "operator");
        lock.lock();
        try {
            String key = PluginBlocks.key(id);
            PluginPolicy policy;
            try {
                ConfigPluginSettings settings = new ConfigPluginSettings(PluginBlocks.merged(operator, id, reference), key);
                policy = PluginPolicy.read(settings);
                if (policy.enabled()) {
                    for (MessageHandler handler : handlers) HandlerConfiguring.configure(id, handler, settings);
                }
            } catch (InvalidSettingsException e) {
                install(PluginPolicy.DEFAULT, "invalid configuration: " + e.getMessage());
                throw e;
            } catch (ConfigException e) {
                InvalidSettingsException invalid = new InvalidSettingsException(key, e.getMessage());
                install(PluginPolicy.DEFAULT, "invalid configuration: " + invalid.getMessage());
                throw invalid;
            }
            install(policy, policy.enabled() ? "" : "enabled = false in its configuration");
        } finally {
            lock.unlock();
        }
    }

    /**
     * The operator's roles the plugin's handlers are checked against ({@link Permissions#NONE} until set), as
     * {@link PluginHost#permissions} sets them for a jar's plugin.
     */
    public void permissions(Permissions permissions) {
        Objects.requireNonNull(permissions, "permissions");
        chain.permissions(account -> permissions);
    }

    /**
     * Cancels every conversation of the plugin that waits for someone's next message, as a stop would, but leaves
     * the plugin in the chain: a test kit's fresh start between tests, so one test's open question cannot take the
     * next test's message. The waiting handlers wake with a {@link java.util.concurrent.CancellationException}.
     *
     * @return how many conversations were waiting
     */
    public int cancelConversations(String reason) {
        return chain.conversations().cancelAll(Objects.requireNonNull(reason, "reason"));
    }

    /** Runs the event through the plugin's handlers; see {@link PluginChain#dispatch(BotEvent, Bot)}. */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot) {
        return chain.dispatch(event, bot);
    }

    /** The most recent dispatch traces, oldest first; with a chat name, only that chat's. */
    public List<DispatchTrace> traces(Optional<String> chat) {
        return chain.recentTraces(chat);
    }

    /** The handlers in the order they run. */
    public List<RegisteredHandler> handlers() {
        return chain.handlers();
    }

    /** Stops the chain, waiting briefly for running handlers. */
    @Override
    public void close() {
        chain.close();
    }

    private void install(PluginPolicy policy, String off) {
        chain.install(policy.links(id, handlers, off));
    }
}
