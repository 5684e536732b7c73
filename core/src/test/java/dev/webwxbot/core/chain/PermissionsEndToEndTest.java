package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Permissions against the emulator: the operator names people by wxid, which the bot learns from the
 * status-notify list the server sends after login. An admin-only handler answers the admin and is denied to a
 * friend; a blocked friend's messages reach the monitor only; and after logging out and in again, when every
 * session name is new, the same people keep their roles, because the identity is the wxid.
 */
class PermissionsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact bob;
    private Contact mallory;
    private final List<String> monitored = new CopyOnWriteArrayList<>();
    private PluginChain chain;
    private ChainLogin login;

    @BeforeEach
    void online() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
        mallory = account.addFriend("Mallory");
        chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { });
        chain.install(List.of(
                PluginChain.Link.active(new RegisteredHandler("admin", new AdminOnly(), Phase.MAIN, 0)),
                PluginChain.Link.active(new RegisteredHandler("watch", (event, context) -> {
                    if (event instanceof TextMessage text) monitored.add(text.sender().nickName());
                    return Outcome.CONTINUE;
                }, Phase.MONITOR, 0))));
        Permissions permissions = new Permissions(List.of(), List.of(Identity.parse("wxid:" + alice.wxid())),
                List.of(Identity.parse("wxid:" + mallory.wxid())), java.util.Map.of());
        chain.permissions(accountId -> permissions);
        login = new ChainLogin(account, chain);
        logIn();
    }

    @AfterEach
    void stop() {
        chain.close();
        world.close();
    }

    @Test
    void anAdminOnlyHandlerIsDeniedToAFriendAndAnswersTheAdmin() throws Exception {
        bob.sendText("/restart");
        DispatchTrace denied = login.nextTrace();
        assertEquals("Bob", ((MessageEvent) denied.event()).sender().nickName());
        assertEquals(DispatchTrace.Result.DENIED, step(denied, "admin").result());
        assertEquals("the sender is member; the handler needs admin", step(denied, "admin").detail());

        alice.sendText("/restart");
        DispatchTrace allowed = login.nextTrace();
        assertEquals(DispatchTrace.Result.STOPPED, step(allowed, "admin").result());
        SentMessage answer = account.awaitSentMessage(WAIT);
        assertEquals("restarting, Alice (admin)", answer.content());
        assertEquals(List.of(), account.sentMessages().stream().filter(sent -> sent != answer).toList(),
                "Bob got no answer");
    }

    @Test
    void aBlockedFriendReachesTheMonitorOnly() throws Exception {
        mallory.sendText("/restart");
        DispatchTrace trace = login.nextTrace();
        assertEquals(DispatchTrace.Result.DENIED, step(trace, "admin").result());
        assertEquals("the sender is blocked", step(trace, "admin").detail());
        assertEquals(DispatchTrace.Result.CONTINUED, step(trace, "watch").result());
        assertEquals(List.of("Mallory"), monitored);
        assertEquals(List.of(), account.sentMessages());
    }

    @Test
    void afterAFreshLoginWithNewSessionNamesTheSamePeopleKeepTheirRoles() throws Exception {
        alice.sendText("/restart");
        String firstName = ((MessageEvent) login.nextTrace().event()).sender().userName();
        account.awaitSentMessage(WAIT);

        account.phone().logoutWeb();
        assertEquals(LoggedOut.Reason.LOGGED_OUT_ON_PHONE, login.session.ended().get(WAIT.toMillis(),
                TimeUnit.MILLISECONDS).reason());
        logIn();

        alice.sendText("/restart");
        DispatchTrace allowed = login.nextTrace();
        MessageEvent again = (MessageEvent) allowed.event();
        assertNotEquals(firstName, again.sender().userName(), "the emulator names people anew at each login");
        assertEquals(DispatchTrace.Result.STOPPED, step(allowed, "admin").result());
        assertEquals("restarting, Alice (admin)", account.awaitSentMessage(WAIT).content());
        bob.sendText("/restart");
        assertEquals(DispatchTrace.Result.DENIED, step(login.nextTrace(), "admin").result());
        assertEquals(Optional.of(new Identity(Identity.Kind.WXID, alice.wxid())),
                login.session.bot().contacts().identity(again.sender()));
    }

    private void logIn() throws Exception {
        login.session = world.client.newSession(SessionOptions.defaults(), login);
        login.session.start().get(EmulatorWorld.LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        account.awaitHeldSyncCheck(WAIT); // past the login's first sync, which brings the status-notify list
    }

    private static DispatchTrace.Step step(DispatchTrace trace, String pluginId) {
        return trace.steps().stream().filter(step -> step.pluginId().equals(pluginId)).findFirst().orElseThrow();
    }

    /** Answers {@code /restart} for admins only: the chain keeps everyone else out. */
    private static final class AdminOnly implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (!(event instanceof TextMessage text) || !text.text().equals("/restart")) return Outcome.CONTINUE;
            Role role = context.roleOf(text.sender());
            context.reply("restarting, " + text.sender().nickName() + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + ")");
            return Outcome.STOP;
        }

        @Override
        public Role requiredRole() {
            return Role.ADMIN;
        }
    }

    /** Logs in with the phone and hands every text from a friend to the chain, queueing its traces for the test. */
    private static final class ChainLogin extends PhoneLogin {
        final PluginChain chain;
        final BlockingQueue<DispatchTrace> traces = new LinkedBlockingQueue<>();
        volatile Session session;

        ChainLogin(Account account, PluginChain chain) {
            super(account);
            this.chain = chain;
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            // The server echoes the bot's own answers back: they are not what the test waits for.
            if (!(message instanceof TextMessage) || message.envelope().fromSelf()) {
                return CompletableFuture.completedFuture(null);
            }
            return chain.dispatch(message, bot).thenAccept(traces::add);
        }

        DispatchTrace nextTrace() throws InterruptedException {
            DispatchTrace trace = traces.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(trace != null, "no message reached the chain");
            return trace;
        }
    }
}
