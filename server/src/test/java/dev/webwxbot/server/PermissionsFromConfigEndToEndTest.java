package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles as an operator assigns them: a daemon with two accounts on the emulator, a plugin jar with commands and a
 * greeting, and a {@code webwx-bot.permissions} block naming people by {@code wxid:}, {@code remark:} and
 * {@code nick:}, with a group's own admins and one account's own block. Each person is answered as their configured
 * role allows, also after the phone logged the web session out and a fresh login gave everyone a new session name.
 */
class PermissionsFromConfigEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MENTION = "@Shop\u2005";

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account shop;
    private Account home;
    private Contact alice;
    private Contact bob;
    private Contact carol;
    private Contact dave;
    private Contact mallory;
    private Contact hikers;
    private Contact homeBob;
    private Contact carla;
    private BotServer server;
    private ApiCalls api;
    private CapturedLogs logs;
    private ch.qos.logback.classic.Logger commandLog;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        shop = emulator.addAccount("Shop");
        alice = shop.addFriend("Alice");
        bob = shop.addFriend("Bob");
        bob.modify(null, "Deputy");
        carol = shop.addFriend("Carol");
        dave = shop.addFriend("Dave");
        mallory = shop.addFriend("Mallory");
        hikers = shop.addGroup("Weekend hikers", alice, carol, dave);
        home = emulator.addAccount("Home");
        homeBob = home.addFriend("Bob");
        homeBob.modify(null, "Deputy");
        carla = home.addFriend("Carla");

        PluginJar.plugin("tools").handler("Tools", """
                if (event instanceof TextMessage text && text.text().equals("hello")) {
                    context.reply("hi " + text.sender().nickName());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", """
                public java.util.List<Command> commands() {
                    return java.util.List.of(
                            Command.named("ping").describedAs("answers pong").runs((call, c) -> c.reply("pong")),
                            Command.named("shutdown").describedAs("stops the bot").role(Role.ADMIN)
                                    .runs((call, c) -> c.reply("stopping, " + call.sender().nickName())),
                            Command.named("kick").argument(Argument.contact("who")).describedAs("removes a member")
                                    .role(Role.ADMIN).allowedIn("groups")
                                    .runs((call, c) -> c.reply("would remove " + call.contact("who").displayName())));
                }""").writeTo(Files.createDirectories(dir.resolve("plugins")), "tools.jar");

        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                webwx-bot {
                  permissions {
                    owners  = [ "wxid:%s" ]
                    admins  = [ "remark:Deputy" ]
                    blocked = [ "nick:Mallory" ]
                    groups { "Weekend hikers" { admins = [ "nick:Dave" ] } }
                  }
                  accounts {
                    shop {}
                    home { permissions { admins = [ "nick:Carla" ] } }
                  }
                }
                """.formatted(alice.wxid()));
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "shop", shop);
        DaemonFixture.logIn(api, "home", home);
        shop.awaitHeldSyncCheck(WAIT); // past the login's first sync, which brings the status-notify list (wxids)
        home.awaitHeldSyncCheck(WAIT);
        // Tests log WARN and above; a refusal is an INFO line, so the command dispatcher's logger is opened.
        commandLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.webwxbot.core.chain.CommandDispatcher");
        commandLog.setLevel(Level.INFO);
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        emulator.close();
        logs.close();
        commandLog.setLevel(null);
    }

    @Test
    void helpShowsEachPersonTheCommandsTheirConfiguredRoleAllows() {
        String everyone = """
                Commands you can use here:
                /help [command] - what a command does
                /ping - answers pong""";
        String admins = everyone + "\n/shutdown - stops the bot";
        assertEquals(admins, answerTo(shop, alice, "/help"), "Alice is an owner by wxid");
        assertEquals(admins, answerTo(shop, bob, "/help"), "Bob is an admin by his remark name");
        assertEquals(everyone, answerTo(shop, carol, "/help"), "Carol is a friend: a member");
        assertEquals(everyone, answerTo(shop, dave, "/help"), "Dave is an admin only in his group");
    }

    @Test
    void aNonAdminIsRefusedOncePolitelyAndTheRefusalIsLogged() {
        assertEquals("Sorry, /shutdown is only for admins; you may not use it here.", answerTo(shop, carol, "/shutdown"));
        carol.sendText("/shutdown");
        carol.sendText("/ping");
        assertEquals("pong", shop.awaitSentMessage(WAIT).content(), "the second refusal is not answered");
        assertEquals(List.of("plugin 'tools' refused /shutdown to Carol in Carol: needs ADMIN, has MEMBER",
                "plugin 'tools' refused /shutdown to Carol in Carol: needs ADMIN, has MEMBER (already told)"),
                logs.at(Level.INFO).stream().filter(line -> line.contains("refused")).toList());
        assertEquals("stopping, Alice", answerTo(shop, alice, "/shutdown"));
    }

    @Test
    void aBlockedPersonIsIgnoredByEveryHandlerAndCommand() {
        mallory.sendText("hello");
        mallory.sendText("/ping");
        mallory.sendText("/help");
        assertAllDenied(awaitTracesOf("Mallory", 3));
        assertEquals("hi Alice", answerTo(shop, alice, "hello"));
        assertEquals(List.of(), shop.sentMessages().stream()
                .filter(sent -> sent.toUserName().equals(mallory.userName())).toList());
    }

    @Test
    void aGroupsConfiguredAdminMayKickInThatGroup() {
        dave.sendTextIn(hikers, MENTION + "/kick @Carol\u2005");
        assertEquals("would remove Carol", shop.awaitSentMessage(WAIT).content());
        carol.sendTextIn(hikers, MENTION + "/kick @Dave\u2005");
        SentMessage refused = shop.awaitSentMessage(WAIT);
        assertEquals(hikers.userName(), refused.toUserName());
        assertEquals("Sorry, /kick is only for admins; you may not use it here.", refused.content());
        assertEquals("Sorry, /shutdown is only for admins; you may not use it here.", answerTo(shop, dave, "/shutdown"),
                "outside his group Dave is a member");
    }

    @Test
    void anAccountsOwnBlockReplacesTheBotWideAdmins() {
        assertEquals("stopping, Carla", answerTo(home, carla, "/shutdown"));
        assertEquals("Sorry, /shutdown is only for admins; you may not use it here.", answerTo(home, homeBob, "/shutdown"),
                "the account's admins replace the bot-wide remark:Deputy");
    }

    @Test
    void rolesStillHoldAfterAFreshLoginGaveEveryoneANewSessionName() throws Exception {
        String aliceBefore = alice.userName();
        String bobBefore = bob.userName();
        shop.phone().logoutWeb();
        DaemonFixture.awaitState(api, "shop", "LOGGED_OUT");
        assertEquals(202, api.post("/api/v1/accounts/shop/login", "").statusCode());
        shop.phone().awaitPushPrompt(WAIT); // the account asks the phone to confirm, as after any logout
        shop.phone().confirm();
        DaemonFixture.awaitState(api, "shop", "ONLINE");
        shop.awaitHeldSyncCheck(WAIT);
        assertNotEquals(aliceBefore, alice.userName(), "the emulator names people anew at each login");
        assertNotEquals(bobBefore, bob.userName());

        assertEquals("stopping, Alice", answerTo(shop, alice, "/shutdown"), "owner by wxid");
        assertEquals("stopping, Bob", answerTo(shop, bob, "/shutdown"), "admin by remark name");
        assertEquals("Sorry, /shutdown is only for admins; you may not use it here.", answerTo(shop, carol, "/shutdown"));
        mallory.sendText("hello");
        assertAllDenied(awaitTracesOf("Mallory", 1));
        assertEquals(List.of(), shop.sentMessages().stream()
                .filter(sent -> sent.toUserName().equals(mallory.userName())).toList(), "Mallory is still blocked");
    }

    /** The traces of the shop account's messages from the person with this nickname, once there are {@code count}. */
    private List<DispatchTrace> awaitTracesOf(String nickName, int count) {
        return Await.value(() -> {
            List<DispatchTrace> of = server.plugins().traces(Optional.empty(), Optional.of("shop")).stream()
                    .filter(trace -> trace.event() instanceof MessageEvent m && m.sender().nickName().equals(nickName))
                    .toList();
            return of.size() == count ? Optional.of(of) : Optional.empty();
        }, nickName + "'s " + count + " message(s) through the chain", WAIT);
    }

    private static void assertAllDenied(List<DispatchTrace> traces) {
        for (DispatchTrace trace : traces) {
            trace.steps().forEach(step -> assertEquals(DispatchTrace.Result.DENIED, step.result(), trace.describe()));
        }
    }

    /** What the bot answers {@code friend}'s {@code text}: the account's next send, which must go to that friend. */
    private static String answerTo(Account account, Contact friend, String text) {
        friend.sendText(text);
        SentMessage answer = account.awaitSentMessage(WAIT);
        assertEquals(friend.userName(), answer.toUserName(), "answered " + answer.content());
        return answer.content();
    }
}
