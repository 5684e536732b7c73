package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.command.Argument;
import dev.webwxbot.api.command.Command;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands over real sockets: friends and group members write to a logged-in session on the emulator, the chain
 * parses their calls and the answers arrive at the emulator as the web client's sends. Roles come from the operator's
 * permissions: Alice, by her wxid, is the owner; Carol, a stranger in the group, a member of it.
 */
class CommandsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact carol;
    private Contact hikers;
    private ChainLogin login;

    @BeforeEach
    void online() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        carol = account.addStranger("Carol");
        hikers = account.addGroup("Weekend hikers", alice, carol);
        PluginChain chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { });
        chain.install(List.of(PluginChain.Link.active(RegisteredHandler.declared("tools", new Tools()))));
        Permissions aliceOwns = new Permissions(List.of(Identity.parse("wxid:" + alice.wxid())), List.of(), List.of(),
                Map.of());
        chain.permissions(accountId -> aliceOwns);
        login = new ChainLogin(account, chain);
        login.session = world.client.newSession(SessionOptions.defaults(), login);
        login.session.start().get(EmulatorWorld.LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        account.awaitHeldSyncCheck(WAIT); // past the login's first sync, which brings the status-notify list (wxids)
    }

    @AfterEach
    void stop() {
        login.chain.close();
        world.close();
    }

    @Test
    void aFriendsCommandRunsWithItsArguments() {
        alice.sendText("/remind 1h30m buy tea");
        SentMessage answer = account.awaitSentMessage(WAIT);
        assertEquals(alice.userName(), answer.toUserName());
        assertEquals("in 1h 30m: buy tea", answer.content());
    }

    @Test
    void inAGroupTheCommandRunsWithAnAtMentionAndIsIgnoredWithout() throws Exception {
        carol.sendTextIn(hikers, "/remind 10m stretch");
        account.awaitHeldSyncCheck(WAIT);   // the session took the message in
        login.awaitDispatched();
        assertEquals(List.of(), account.sentMessages(), "a group call without @-mention is ordinary talk");
        carol.sendTextIn(hikers, "@Bot\u2005/remind 10m stretch");
        SentMessage answer = account.awaitSentMessage(WAIT);
        assertEquals(hikers.userName(), answer.toUserName());
        assertEquals("in 10m: stretch", answer.content());
    }

    @Test
    void aBadCallIsAnsweredWithItsUsage() {
        alice.sendText("/remind tomorrow buy tea");
        assertEquals("<when> must be a time such as 10m, 1h30m or 2d, not 'tomorrow'. Usage: /remind <when> <text...>",
                account.awaitSentMessage(WAIT).content());
    }

    @Test
    void helpListsMoreForTheOwnerThanForAStranger() {
        alice.sendTextIn(hikers, "@Bot\u2005/help");
        assertEquals("""
                Commands you can use here:
                /help [command] - what a command does
                /remind <when> <text...> - reminds you of something
                /kick <who> - removes a member from the group""", account.awaitSentMessage(WAIT).content());
        carol.sendTextIn(hikers, "@Bot\u2005/help");
        assertEquals("""
                Commands you can use here:
                /help [command] - what a command does
                /remind <when> <text...> - reminds you of something""", account.awaitSentMessage(WAIT).content());
        carol.sendTextIn(hikers, "@Bot\u2005/kick @Alice\u2005");
        assertEquals("Sorry, /kick is only for admins; you may not use it here.", account.awaitSentMessage(WAIT).content());
    }

    @Test
    void aContactArgumentIsTheMentionedMember() {
        alice.sendTextIn(hikers, "@Bot\u2005/kick @Carol\u2005");
        assertEquals("would remove Carol (" + carol.userName() + ")", account.awaitSentMessage(WAIT).content());
    }

    /** A plugin with a reminder anyone may set and an admin's kick, which only pretends. */
    private static final class Tools implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            return Outcome.CONTINUE;
        }

        @Override
        public List<Command> commands() {
            return List.of(
                    Command.named("remind").argument(Argument.duration("when")).argument(Argument.rest("text"))
                            .describedAs("reminds you of something")
                            .runs((call, context) -> context.reply("in " + call.duration("when").toString()
                                    .substring(2).replaceAll("(\\d)([HMS])", "$1$2 ").strip().toLowerCase()
                                    + ": " + call.text("text"))),
                    Command.named("kick").argument(Argument.contact("who")).describedAs("removes a member from the group")
                            .role(Role.ADMIN).allowedIn("groups")
                            .runs((call, context) -> context.reply("would remove " + call.contact("who").displayName()
                                    + " (" + call.contact("who").userName() + ")")));
        }
    }

    private static final class ChainLogin extends PhoneLogin {
        final PluginChain chain;
        final List<CompletableFuture<DispatchTrace>> dispatched = new CopyOnWriteArrayList<>();
        volatile Session session;

        ChainLogin(Account account, PluginChain chain) {
            super(account);
            this.chain = chain;
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            CompletableFuture<DispatchTrace> trace = chain.dispatch(message, bot);
            dispatched.add(trace);
            return trace;
        }

        void awaitDispatched() throws Exception {
            for (CompletableFuture<DispatchTrace> trace : dispatched) trace.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
