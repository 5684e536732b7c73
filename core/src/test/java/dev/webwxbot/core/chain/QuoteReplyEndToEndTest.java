package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin answers by quoting ({@code HandlerContext.replyQuoting}) in a session against the emulator: the emulator
 * receives WeChat's text form of a quote, the receipt and the dispatch trace name the quoted message.
 */
class QuoteReplyEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LINE = "\n- - - - - - - - - - - - - - -\n";

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact bob;
    private Contact group;
    private PhoneLogin login;
    private Session session;
    private InProcessPlugin plugin;
    private final BlockingQueue<SendReceipt> receipts = new LinkedBlockingQueue<>();

    @BeforeEach
    void online() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        bob = account.addStranger("Bob");
        group = account.addGroup("Weekend hikers", alice, bob);
        group.setMemberDisplayName(bob, "Bobby");
        login = PhoneLogin.messagesOnly(account);
        session = world.logIn(SessionOptions.defaults(), login);
        plugin = InProcessPlugin.start("quoter", List.of(new Quoter()), ConfigFactory.empty(),
                ChainSettings.defaults(), ConfigFactory.empty());
    }

    @AfterEach
    void stop() {
        if (plugin != null) plugin.close();
        world.close();
    }

    @Test
    void aFriendsTextIsAnsweredQuotingItAndTheReceiptAndTraceNameIt() throws Exception {
        alice.sendText("lunch at noon?");
        TextMessage question = login.next(TextMessage.class, null, WAIT);

        DispatchTrace trace = dispatch(question);

        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(alice.userName(), sent.toUserName());
        assertEquals(SentMessage.Kind.TEXT, sent.kind(), "a quote goes out as a text (webwxsendmsg)");
        assertEquals("「Alice：lunch at noon?」" + LINE + "yes", sent.content());
        SendReceipt.Sent receipt = assertInstanceOf(SendReceipt.Sent.class, receipts.poll(10, TimeUnit.SECONDS));
        assertEquals(question.msgId(), receipt.quotedMsgId());
        assertEquals(sent.msgId(), receipt.msgId());
        assertEquals(List.of(question.msgId()), trace.steps().get(0).quoted());
        assertTrue(trace.describe().contains("1 reply quoting " + question.msgId()), trace.describe());
    }

    @Test
    void inAGroupTheQuotedMemberIsMentionedByTheNameTheGroupSees() throws Exception {
        bob.sendTextIn(group, "who is in for Saturday?");
        TextMessage question = login.next(TextMessage.class, null, WAIT);

        dispatch(question);

        SentMessage sent = account.awaitSentMessage(WAIT);
        assertEquals(group.userName(), sent.toUserName());
        assertEquals("「@Bobby\u2005：who is in for Saturday?」" + LINE + "yes", sent.content());
        assertTrue(sent.msgSource().contains("<atusername>" + bob.userName() + "</atusername>"), sent.msgSource());
    }

    @Test
    void aPictureIsQuotedByTheLabelWeChatShowsForIt() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        alice.send(MessageBody.image(jpeg, 8, 8));
        ImageMessage picture = login.next(ImageMessage.class, null, WAIT);

        dispatch(picture);

        assertEquals("「Alice：[图片]」" + LINE + "yes", account.awaitSentMessage(WAIT).content());
        SendReceipt.Sent receipt = assertInstanceOf(SendReceipt.Sent.class, receipts.poll(10, TimeUnit.SECONDS));
        assertEquals(picture.msgId(), receipt.quotedMsgId());
    }

    private DispatchTrace dispatch(MessageEvent message) throws Exception {
        return plugin.dispatch(message, session.bot()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers every message from someone else with "yes", quoting it. */
    private final class Quoter implements MessageHandler {
        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            if (event instanceof MessageEvent message && !message.envelope().fromSelf()) {
                receipts.add(context.replyQuoting("yes"));
                return Outcome.STOP;
            }
            return Outcome.CONTINUE;
        }
    }
}
