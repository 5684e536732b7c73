package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.command.Argument;
import dev.webwxbot.api.command.Command;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands in a chain of plugins, with a bot that records what it sends and the operator's roles set by the test. */
class CommandChainTest {

    private static final Contact OWNER = new Contact("@owner", "Olga", "", "", ContactKind.FRIEND, "");
    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Contact GROUP = new Contact("@@hikers", "Hikers", "", "", ContactKind.GROUP, "");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final RecordingBot bot = new RecordingBot(sent);
    private final CapturedLogs logs = CapturedLogs.attach();
    private final PluginChain chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { });

    CommandChainTest() {
        // The account itself is the owner; so is Olga, by the operator's word. Alice, a friend, is a member.
        Permissions olga = new Permissions(List.of(Identity.parse("nick:Olga")), List.of(), List.of(), Map.of());
        chain.permissions(account -> olga);
    }

    @AfterEach
    void close() {
        chain.close();
        logs.close();
    }

    @Test
    void aFriendsCallRunsWithTypedArgumentsAndTheHandlerNeverSeesIt() throws Exception {
        Plugin reminders = new Plugin(remind());
        install("reminders", reminders);
        DispatchTrace trace = say(ALICE, ALICE, "/remind 1h30m buy tea");
        assertEquals(List.of("@alice:in PT1H30M: buy tea"), sent);
        assertEquals(List.of(), reminders.seen, "a call the bot ran does not reach the handler");
        assertEquals(DispatchTrace.Result.STOPPED, trace.steps().getFirst().result());
        assertEquals("reminders", trace.steps().getFirst().pluginId());
        say(ALICE, ALICE, "remind me later");
        assertEquals(List.of("remind me later"), reminders.seen, "text without the prefix is ordinary talk");
    }

    @Test
    void inAGroupACommandRunsOnlyWhenTheBotIsMentioned() throws Exception {
        install("reminders", new Plugin(remind()));
        say(GROUP, ALICE, "/remind 10m stretch");
        assertEquals(List.of(), sent);
        sayMentioning(GROUP, ALICE, "@me\u2005/remind 10m stretch");
        assertEquals(List.of("@@hikers:in PT10M: stretch"), sent);
    }

    @Test
    void aWrongCallIsAnsweredWithItsUsageAndAnUnknownOneWithASuggestion() throws Exception {
        install("reminders", new Plugin(remind()));
        say(ALICE, ALICE, "/remind soon tea");
        say(ALICE, ALICE, "/remind 10m");
        say(ALICE, ALICE, "/remnd 10m tea");
        say(ALICE, ALICE, "/xyzzy");
        assertEquals(List.of(
                "@alice:<when> must be a time such as 10m, 1h30m or 2d, not 'soon'. Usage: /remind <when> <text...>",
                "@alice:<text...> is missing. Usage: /remind <when> <text...>",
                "@alice:I don't know /remnd. Did you mean /remind? Send /help for the commands you can use here.",
                "@alice:I don't know /xyzzy. Send /help for the commands you can use here."), sent);
    }

    @Test
    void twoPluginsWithOneCommandAreBothReachableAndTheConflictIsWarnedOnce() throws Exception {
        logs.expect(Level.WARN, "plugins 'alpha' and 'beta' both declare the command 'ping': /ping runs the one of "
                + "'alpha' \\(first in the chain\\); the one of 'beta' is /beta:ping");
        install(List.of(link("alpha", new Plugin(ping("alpha"))), link("beta", new Plugin(ping("beta")))));
        chain.settings(ChainSettings.defaults());   // rebuilding the chain does not warn again
        say(ALICE, ALICE, "/ping");
        say(ALICE, ALICE, "/beta:ping");
        say(ALICE, ALICE, "/alpha:ping");
        assertEquals(List.of("@alice:pong from alpha", "@alice:pong from beta", "@alice:pong from alpha"), sent);
        assertEquals(1, logs.at(Level.WARN).size(), logs.all());
        assertEquals(java.util.Set.of("help", "ping", "alpha:ping", "beta:ping"), chain.commandNames());
        logs.expect(Level.WARN, "plugins 'beta' and 'alpha' both declare the command 'ping': /ping runs the one of "
                + "'beta' \\(first in the chain\\); the one of 'alpha' is /alpha:ping");
        chain.settings(ChainSettings.defaults().withOrder(List.of("beta", "*")));
        sent.clear();
        say(ALICE, ALICE, "/ping");
        assertEquals(List.of("@alice:pong from beta"), sent, "the bare name follows the operator's order");
    }

    @Test
    void helpListsOnlyTheCommandsTheAskerMayUseThere() throws Exception {
        Command kick = Command.named("kick").argument(Argument.contact("who")).describedAs("removes a member")
                .role(Role.ADMIN).runs((call, context) -> { });
        Command cheer = Command.named("cheer").allowedIn("groups").runs((call, context) -> { });
        install("tools", new Plugin(remind(), kick, cheer));
        say(ALICE, ALICE, "/help");
        say(ALICE, OWNER, "/help");
        say(ALICE, ALICE, "/help kick");
        say(ALICE, OWNER, "/help remind");
        assertEquals(List.of(
                "@alice:Commands you can use here:\n/help [command] - what a command does\n"
                        + "/remind <when> <text...> - reminds you",
                "@alice:Commands you can use here:\n/help [command] - what a command does\n"
                        + "/remind <when> <text...> - reminds you\n/kick <who> - removes a member",
                "@alice:I don't know /kick. Send /help for the commands you can use here.",
                "@alice:/remind <when> <text...>\nreminds you\nAlso written /r"), sent);
    }

    @Test
    void aRefusedCallIsAnsweredOnceAndLogged() throws Exception {
        Command shutdown = Command.named("shutdown").role(Role.OWNER).runs((call, context) -> context.reply("bye"));
        install("admin", new Plugin(shutdown));
        // Tests log WARN and above; the refusal is an INFO line, so its logger is opened for this test.
        ch.qos.logback.classic.Logger dispatcherLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CommandDispatcher.class);
        dispatcherLog.setLevel(Level.INFO);
        try {
            say(ALICE, ALICE, "/shutdown");
            say(ALICE, ALICE, "/shutdown");
            say(ALICE, OWNER, "/shutdown");
        } finally {
            dispatcherLog.setLevel(null);
        }
        assertEquals(List.of("@alice:Sorry, /shutdown is only for the bot's owner; you may not use it here.",
                "@alice:bye"), sent);
        List<String> infos = logs.at(Level.INFO).stream().filter(l -> l.contains("refused")).toList();
        assertEquals(List.of("plugin 'admin' refused /shutdown to Alice in Alice: needs OWNER, has MEMBER",
                "plugin 'admin' refused /shutdown to Alice in Alice: needs OWNER, has MEMBER (already told)"), infos);
    }

    @Test
    void thePrefixIsTheOperatorsHashOrNone() throws Exception {
        install("reminders", new Plugin(remind()));
        chain.commandSettings(new CommandSettings("#"));
        say(ALICE, ALICE, "/remind 1m a");
        say(ALICE, ALICE, "#r 1m b");
        chain.commandSettings(new CommandSettings(""));
        say(ALICE, ALICE, "remind 1m c");
        say(ALICE, ALICE, "hello there");
        assertEquals(List.of("@alice:in PT1M: b", "@alice:in PT1M: c"), sent, "without a prefix, talk is not answered");
    }

    @Test
    void aCommandTypedOnTheConsoleRunsAsTheOwnerInTheChosenChatAndItsAnswerStaysOnTheConsole() throws Exception {
        Command shutdown = Command.named("shutdown").role(Role.OWNER).runs((call, context) -> context.reply("bye "
                + call.sender().displayName()));
        install("admin", new Plugin(shutdown, remind()));
        List<String> console = new CopyOnWriteArrayList<>();
        chain.dispatch(CommandConsole.message("shutdown", GROUP, bot.self(), "/"),
                CommandConsole.answeringTo(bot, GROUP, console::add), PluginHost.DEFAULT_ACCOUNT).get(10, TimeUnit.SECONDS);
        chain.dispatch(CommandConsole.message("remind ten tea", ALICE, bot.self(), "/"),
                CommandConsole.answeringTo(bot, ALICE, console::add), PluginHost.DEFAULT_ACCOUNT).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("bye me",
                "<when> must be a time such as 10m, 1h30m or 2d, not 'ten'. Usage: /remind <when> <text...>"), console);
        assertEquals(List.of(), sent, "nothing reached the chats");
    }

    private static Command remind() {
        return Command.named("remind").alias("r").argument(Argument.duration("when")).argument(Argument.rest("text"))
                .describedAs("reminds you")
                .runs((call, context) -> context.reply("in " + call.duration("when") + ": " + call.text("text")));
    }

    private static Command ping(String from) {
        return Command.named("ping").runs((call, context) -> context.reply("pong from " + from));
    }

    private void install(String pluginId, MessageHandler handler) {
        install(List.of(link(pluginId, handler)));
    }

    private void install(List<PluginChain.Link> links) {
        chain.install(links);
    }

    private static PluginChain.Link link(String pluginId, MessageHandler handler) {
        return PluginChain.Link.active(RegisteredHandler.declared(pluginId, handler));
    }

    private DispatchTrace say(Contact chat, Contact sender, String text) throws Exception {
        return dispatch(new TextMessage(new Envelope("1", chat, sender, Instant.EPOCH, false, false), text));
    }

    private DispatchTrace sayMentioning(Contact chat, Contact sender, String text) throws Exception {
        return dispatch(new TextMessage(new Envelope("1", chat, sender, Instant.EPOCH, false, true), text));
    }

    private DispatchTrace dispatch(BotEvent event) throws Exception {
        return chain.dispatch(event, bot).get(10, TimeUnit.SECONDS);
    }

    /** A plugin whose handler records the texts it sees and offers {@code commands}. */
    private static final class Plugin implements MessageHandler {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final List<Command> commands;

        Plugin(Command... commands) {
            this.commands = List.of(commands);
        }

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (event instanceof TextMessage text) seen.add(text.text());
            return Outcome.CONTINUE;
        }

        @Override
        public List<Command> commands() {
            return commands;
        }
    }

}
