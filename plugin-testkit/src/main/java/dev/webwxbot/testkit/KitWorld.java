package dev.webwxbot.testkit;

import com.typesafe.config.Config;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.core.chain.ChainSettings;
import dev.webwxbot.core.chain.InProcessPlugin;
import dev.webwxbot.core.chain.JobSettings;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.ManualClock;
import dev.webwxbot.emulator.SentMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one started kit runs: an emulator on a free loopback port, its account with a session logged in by the
 * emulated phone, and the plugin under test in a chain of its own that hears every event of that session, as the
 * launcher wires a plugin host. People and groups are created in the emulator the first time a test names them.
 * Thread-safe; closed by the kit.
 */
final class KitWorld implements AutoCloseable {

    /** The emulated account's name, so the name group members @-mention. */
    static final String BOT_NAME = "Bot";
    /** The id the plugin's runtime knows the bot's account by, as a single-account daemon names it. */
    private static final String PLUGIN_ACCOUNT = "default";
    private static final Duration LOGIN_WAIT = Duration.ofSeconds(30);
    /** Pacing is the session's business, not the plugin's: sends go out at once so tests stay fast. */
    private static final SessionOptions OPTIONS = SessionOptions.defaults()
            .withSendLimits(SendLimits.defaults().withGlobalRate(600_000, 1_000).withPerChatRate(600_000, 1_000)
                    .withGaps(Duration.ZERO, Duration.ZERO))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final InProcessPlugin plugin;
    private final Duration timeout;
    private final Emulator emulator;
    private final Account account;
    private final WebWxClient client;
    private final Session session;
    private final ConcurrentHashMap<String, Handling> handlings = new ConcurrentHashMap<>();
    private final ReentrantLock contactsLock = new ReentrantLock();
    private final Map<String, Contact> people = new LinkedHashMap<>();
    private final Map<String, Contact> groups = new LinkedHashMap<>();
    /** People a test had join a group without naming them as friends first. */
    private final Map<String, Contact> strangers = new LinkedHashMap<>();
    private final ContactEventLog changes = new ContactEventLog();
    private final FriendRequestLog requests = new FriendRequestLog();
    /** The accounts the plugin's runtime sees: the bot, once logged in. */
    private final AtomicReference<Map<String, Bot>> accounts;
    private final Optional<ManualClock> clock;

    private KitWorld(InProcessPlugin plugin, Duration timeout, AtomicReference<Map<String, Bot>> accounts,
                     Optional<ManualClock> clock) {
        this.plugin = plugin;
        this.timeout = timeout;
        this.accounts = accounts;
        this.clock = clock;
        this.emulator = Emulator.builder().port(0).bindAddress("127.0.0.1")
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        this.account = emulator.addAccount(BOT_NAME);
        this.client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
        this.session = client.newSession(OPTIONS, new Listener());
    }

    /**
     * Configures the plugin (failing before anything starts when its settings are invalid), then starts the
     * emulator and logs the bot in.
     */
    static KitWorld start(String pluginId, List<MessageHandler> handlers, Config reference, ChainSettings chain,
                          Config operator, Duration timeout, Optional<ManualClock> clock) {
        AtomicReference<Map<String, Bot>> accounts = new AtomicReference<>(Map.of());
        JobSettings jobs = clock.map(JobSettings.defaults()::withClock).orElse(JobSettings.defaults());
        InProcessPlugin plugin = InProcessPlugin.start(pluginId, handlers, reference, chain, operator, jobs,
                accounts::get);
        KitWorld world;
        try {
            world = new KitWorld(plugin, timeout, accounts, clock);
        } catch (RuntimeException e) {
            plugin.close();
            throw e;
        }
        try {
            world.session.start().get(LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // Past the login's first sync, which raises no contact events: a test's first change then raises its own.
            world.account.awaitHeldSyncCheck(LOGIN_WAIT);
            accounts.set(Map.of(PLUGIN_ACCOUNT, world.bot()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            world.close();
            throw new IllegalStateException("interrupted while the test bot logged in", e);
        } catch (ExecutionException | TimeoutException | EmulatorTimeoutException e) {
            world.close();
            throw new IllegalStateException("the test bot did not log in to the emulator within "
                    + LOGIN_WAIT.toSeconds() + " s: " + e, e);
        }
        return world;
    }

    InProcessPlugin plugin() {
        return plugin;
    }

    Duration timeout() {
        return timeout;
    }

    Bot bot() {
        return session.bot();
    }

    /** The person called {@code name}, a friend of the bot, created (and announced to the session) on first use. */
    Contact person(String name) {
        contactsLock.lock();
        try {
            Contact person = people.get(name);
            if (person == null) {
                // Added while the session is online: WeChat tells it through ModContactList, as for a new friend.
                person = account.addFriend(name);
                awaitKnown(person, List.of());
                people.put(name, person);
            }
            return person;
        } finally {
            contactsLock.unlock();
        }
    }

    /** The group called {@code name}, created with these members on first use; later members join it. */
    Contact group(String name, List<String> memberNames) {
        contactsLock.lock();
        try {
            List<Contact> members = new ArrayList<>();
            for (String member : memberNames) members.add(person(member));
            Contact group = groups.get(name);
            if (group == null) {
                group = account.addGroup(name, members.toArray(Contact[]::new));
                groups.put(name, group);
            } else {
                List<Contact> current = group.members();
                for (Contact member : members) {
                    if (!current.contains(member)) group.addMember(member, null);
                }
            }
            awaitKnown(group, group.members());
            return group;
        } finally {
            contactsLock.unlock();
        }
    }

    /**
     * Whoever a test has join a group under {@code name}: the friend of that name when a test named one, else a
     * person who is not the bot's friend, created on first use.
     */
    Contact newcomer(String name) {
        contactsLock.lock();
        try {
            Contact known = people.get(name);
            if (known == null) known = strangers.computeIfAbsent(name, account::addStranger);
            return known;
        } finally {
            contactsLock.unlock();
        }
    }

    /** The friend or group newcomer a test named {@code name}, if it named one. */
    Optional<Contact> named(String name) {
        contactsLock.lock();
        try {
            return Optional.ofNullable(people.get(name)).or(() -> Optional.ofNullable(strangers.get(name)));
        } finally {
            contactsLock.unlock();
        }
    }

    /**
     * A new friend called {@code name}, added while the bot is online (WeChat tells it through ModContactList and
     * a grey line); the kit's friend of that name from then on.
     *
     * @throws IllegalArgumentException when a test already named a friend so
     */
    Contact newFriend(String name) {
        contactsLock.lock();
        try {
            if (people.containsKey(name)) throw new IllegalArgumentException(name + " is already a friend of the bot");
            Contact friend = account.addFriend(name);
            people.put(name, friend);
            return friend;
        } finally {
            contactsLock.unlock();
        }
    }

    /** The manual clock of the plugin's jobs, when the kit has one. */
    Optional<ManualClock> clock() {
        return clock;
    }

    /** The stranger {@code name} asks to become the bot's friend; the requester, a stranger until accepted. */
    Contact askToBeFriends(String name, String greeting) {
        contactsLock.lock();
        try {
            if (people.containsKey(name)) throw new IllegalArgumentException(name + " is already a friend of the bot");
            return account.receiveFriendRequest(name, greeting);
        } finally {
            contactsLock.unlock();
        }
    }

    /** The id of the friend request {@code requester} sent, once the bot received it; empty after the timeout. */
    Optional<String> requestMsgId(Contact requester) {
        return requests.await(requester.userName(), timeout);
    }

    /** The stranger {@code name} became the bot's friend: the kit's friend of that name from then on. */
    void befriended(String name, Contact friend) {
        contactsLock.lock();
        try {
            people.put(name, friend);
        } finally {
            contactsLock.unlock();
        }
        awaitBotSees(name + " as a friend", () -> bot().contacts().byUserName(friend.userName())
                .filter(known -> known.kind() == dev.webwxbot.api.ContactKind.FRIEND).isPresent());
    }


    /** The account's phone, for changes made as the bot's owner. */
    Account account() {
        return account;
    }

    /** The contact and group events the session raised, each with its handling's key. */
    ContactEventLog changes() {
        return changes;
    }

    /** Waits until the session knows {@code contact} and, for a group, these members of it. */
    private void awaitKnown(Contact contact, List<Contact> members) {
        awaitBotSees(contact.nickName(), () -> knows(contact, members));
    }

    private boolean knows(Contact contact, List<Contact> members) {
        String userName = contact.userName();
        if (userName == null) return false;
        Optional<dev.webwxbot.api.Contact> known = bot().contacts().byUserName(userName);
        if (known.isEmpty()) return false;
        List<String> knownMembers = bot().contacts().members(known.get()).stream()
                .map(dev.webwxbot.api.Contact::userName).toList();
        return members.stream().allMatch(member -> knownMembers.contains(member.userName()));
    }

    /** The account's own phone writes to {@code chat} (a person or a group); returns the message id. */
    String ownerWrites(Contact chat, dev.webwxbot.emulator.MessageBody body) {
        return account.phone().send(chat, body);
    }

    /** The bot's owner gives {@code person} a remark name; returns once the bot sees it. */
    void remark(Contact person, String remarkName) {
        person.modify(null, remarkName);
        awaitBotSees(person.nickName() + "'s remark name " + remarkName, () -> bot().contacts()
                .byUserName(person.userName()).filter(c -> c.remarkName().equals(remarkName)).isPresent());
    }

    /** {@code person} sets their WeChat id; returns once the bot sees it. */
    void weChatId(Contact person, String alias) {
        person.setAlias(alias);
        awaitBotSees(person.nickName() + "'s WeChat id " + alias, () -> bot().contacts()
                .byUserName(person.userName()).filter(c -> c.alias().equals(alias)).isPresent());
    }

    /** {@code member} takes a nickname inside {@code group}; returns once the bot sees it. */
    void groupNickname(Contact group, Contact member, String nickname) {
        group.setMemberDisplayName(member, nickname);
        awaitBotSees(member.nickName() + "'s nickname " + nickname + " in " + group.nickName(), () -> {
            Optional<dev.webwxbot.api.Contact> known = bot().contacts().byUserName(group.userName());
            return known.isPresent() && bot().contacts().members(known.get()).stream()
                    .anyMatch(m -> m.userName().equals(member.userName()) && m.groupDisplayName().equals(nickname));
        });
    }

    /**
     * Waits until the bot sees a change made in the emulated world, so that what a test does next meets a bot that
     * knows it, as WeChat tells a session through ModContactList. The address book has no change notice to wait
     * on, so it is looked at every few milliseconds.
     */
    void awaitBotSees(String what, java.util.function.BooleanSupplier seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test bot did not learn of " + what + " within "
                        + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    /** What became of the message with this id (or the contact event with this key), known or not yet received. */
    Handling handling(String msgId) {
        return handlings.computeIfAbsent(msgId, id -> new Handling());
    }

    /** The message the server recorded for a send, by the id its receipt carries. */
    Optional<SentMessage> sentOnServer(String msgId) {
        return account.sentMessages().stream().filter(sent -> sent.msgId().equals(msgId)).findFirst();
    }

    /**
     * Between tests: waits (up to the timeout) until the chain is done with every message it received, so a slow
     * handler of one test does not run into the next, then forgets them.
     */
    void settle() {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Handling handling : List.copyOf(handlings.values())) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (handling.state().event().isPresent()) handling.awaitFinished(left);
        }
        handlings.clear();
    }

    @Override
    public void close() {
        try {
            session.stop();
        } finally {
            try {
                plugin.close();
            } finally {
                try {
                    client.close();
                } finally {
                    emulator.close();
                }
            }
        }
    }

    /** Logs in with the emulated phone and hands every event to the plugin's chain, as the launcher does. */
    private final class Listener implements SessionListener {

        @Override
        public void onLoginProgress(LoginProgress step) {
            if (step instanceof LoginProgress.QrCode qr) {
                Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
            } else if (step instanceof LoginProgress.Scanned) {
                Thread.startVirtualThread(account.phone()::confirm);
            }
        }

        @Override
        public void onEvent(BotEvent event) {
            if (event instanceof ContactEvent change) {
                // Kept like a message's: a test that caused the change reads what the plugin did about it.
                ContactEventLog.Entry entry = changes.add(change);
                Handling handling = handling(entry.key());
                handling.received(change);
                plugin.dispatch(change, new AttributingBot(session.bot(), handling)).whenComplete(handling::finished);
            } else {
                plugin.dispatch(event, session.bot());
            }
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            Handling handling = handling(message.msgId());
            handling.received(message);
            if (message instanceof FriendRequest request) requests.received(request);
            CompletableFuture<?> done = plugin.dispatch(message, new AttributingBot(bot, handling))
                    .whenComplete(handling::finished);
            // The session journals the message until the whole chain had its turn, as with the launcher.
            return done.exceptionally(failure -> null);
        }
    }
}
